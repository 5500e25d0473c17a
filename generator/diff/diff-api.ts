// `sdkgen diff --api`'s library entry: compares the exported declarations of two generated
// packages, loaded into one ts-morph project (load-packages.ts), and classifies every change for
// the package's users (api-change-kinds.ts). It sees what a spec diff cannot: a name changed by
// an `x-sdk-*` extension, a template or an sdkgen upgrade, and the TypeScript signatures as
// users call them. Types are compared by the checker's assignability between the old and the new
// declaration; names are matched first, so a type is judged once, at its own export, and a use of
// it elsewhere is judged only when its name changed there.
import type { Node, Signature, SourceFile, Symbol as MorphSymbol, Type } from 'ts-morph';
import type { SourceLocation } from '../diagnostics/diagnostic.js';
import { editDistance } from '../diagnostics/suggest.js';
import { API_CHANGE_KINDS, apiSeverityOf, type ApiChangeKind, type ApiSide } from './api-change-kinds.js';
import type { ChangeSeverity, DiffReport } from './change-kinds.js';
import { loadPackages, type LoadedPackage, type LoadedPackages } from './load-packages.js';
import { versionBumpOf } from './version-bump.js';

export interface ApiChange {
  readonly kind: ApiChangeKind;
  readonly severity: ChangeSeverity;
  /** Present where the side decides the severity (properties and types): request, response or both. */
  readonly side?: ApiSide;
  /** What changed, as users name it: `Widgets.retrieve`, `Widget.color`, `validators/isWidget`. */
  readonly subject: string;
  readonly message: string;
  /** Where it is in each package's sources: removals have only `old`, additions only `new`. */
  readonly location: { readonly old?: SourceLocation; readonly new?: SourceLocation };
}

export interface ApiDiff extends DiffReport {
  readonly changes: readonly ApiChange[];
}

/** Relative folders are read from `cwd` and reported as given. */
export async function diffPackages(oldFolder: string, newFolder: string, options: { readonly cwd?: string } = {}): Promise<ApiDiff> {
  const loaded = await loadPackages(oldFolder, newFolder, options.cwd ?? process.cwd());
  const changes = new ApiComparison(loaded).run().sort(compareChanges);
  return { old: loaded.old.version, new: loaded.new.version, bump: versionBumpOf(changes), changes };
}

type Category = 'class' | 'function' | 'variable' | 'type' | 'enum' | 'other';

interface ExportItem {
  readonly name: string;
  readonly subject: string;
  readonly node: Node;
  readonly symbol: MorphSymbol | undefined;
  readonly category: Category;
  /** Another export (`default`) names the same declaration: compared under that name only. */
  readonly isAlias: boolean;
}

type Pair<T> = readonly [old: T, new: T];

const SEVERITY_ORDER = { breaking: 0, feature: 1, fix: 2 } as const;
/** Type text longer than this is cut in messages. */
const TYPE_TEXT_LIMIT = 120;

class ApiComparison {
  private changes: ApiChange[] = [];
  /** Type pairs (and class pairs) already compared in this run, so recursive types end. */
  private seen = new Set<string>();
  private readonly packages: Pair<LoadedPackage>;
  private readonly items: Pair<ReadonlyMap<string, ExportItem>>;
  /** The names each package exports (from any entry point). */
  private readonly exported: Pair<ReadonlySet<string>>;
  private readonly sides: ReadonlyMap<string, ApiSide>;
  /** Names paired as renamed so far, old -> new. */
  private readonly renamedNames: [string, string][] = [];

  constructor(private readonly loaded: LoadedPackages) {
    this.packages = [loaded.old, loaded.new];
    this.items = [exportsOf(loaded.old), exportsOf(loaded.new)];
    const names = (items: ReadonlyMap<string, ExportItem>) => new Set([...items.values()].map((item) => item.name));
    this.exported = [names(this.items[0]), names(this.items[1])];
    this.sides = mergeSides([usageSides(loaded.old, this.items[0]), usageSides(loaded.new, this.items[1])]);
  }

  run(): ApiChange[] {
    const [before, after] = this.items;
    const removed = [...before.keys()].filter((key) => !after.has(key)).sort();
    const added = [...after.keys()].filter((key) => !before.has(key)).sort();
    for (const key of [...before.keys()].sort()) {
      const [o, n] = [before.get(key)!, after.get(key)];
      if (n === undefined || (o.isAlias && n.isAlias && declarationName(o.node) === declarationName(n.node))) continue;
      this.compareExport(o, n, o.subject);
    }
    // types first: a renamed type's validators and guards are renamed the same way
    const typesFirst = (a: ExportItem, b: ExportItem) => Number(a.category !== 'type') - Number(b.category !== 'type');
    const renames = this.pairRenames(
      removed.map((key) => before.get(key)!).sort(typesFirst),
      added.map((key) => after.get(key)!),
      (o, n) => o.category === n.category && shapeKey(o) === shapeKey(n),
      (o, n) => this.isSame(() => this.compareExport(o, n, o.subject)),
    );
    for (const [o, n] of renames.pairs) {
      this.add(
        'export-renamed',
        'both',
        o.subject,
        `\`${o.subject}\` was renamed to \`${n.subject}\` (the same ${describeCategory(o.category)}): imports of \`${o.name}\` no longer resolve.`,
        o.node,
        n.node,
      );
    }
    for (const o of renames.removed)
      this.add('export-removed', 'both', o.subject, `The ${describeCategory(o.category)} \`${o.subject}\` was removed.`, o.node, undefined);
    for (const n of renames.added)
      this.add('export-added', 'both', n.subject, `The ${describeCategory(n.category)} \`${n.subject}\` was added.`, undefined, n.node);
    return this.changes;
  }

  // ---- exports and classes ----

  private compareExport(o: ExportItem, n: ExportItem, subject: string): void {
    this.compareDocs(o.symbol, n.symbol, subject, o.node, n.node);
    if (o.category !== n.category) {
      this.add(
        'export-kind-changed',
        'both',
        subject,
        `\`${subject}\` was a ${describeCategory(o.category)} and is now a ${describeCategory(n.category)}.`,
        o.node,
        n.node,
      );
      return;
    }
    switch (o.category) {
      case 'class':
        this.compareClass(o.node, n.node, subject);
        return;
      case 'function':
        this.compareSignatures(o.node.getType().getCallSignatures(), n.node.getType().getCallSignatures(), subject, o.node, n.node);
        return;
      case 'variable':
        // a constant's type is usually a named one (`StandardSchemaV1<Widget>`), judged at its export
        this.compareTypes(o.node.getType(), n.node.getType(), subject, 'response', { old: o.node, new: n.node });
        return;
      default:
        this.compareTypes(
          o.node.getType(),
          n.node.getType(),
          subject,
          this.sides.get(o.name) ?? 'both',
          { old: o.node, new: n.node },
          true,
        );
    }
  }

  /** The constructor, static members and public instance members of two classes. */
  private compareClass(oNode: Node, nNode: Node, subject: string): void {
    const [oStatic, nStatic] = [staticType(oNode), staticType(nNode)];
    if (oStatic && nStatic) {
      this.compareSignatures(oStatic.getConstructSignatures(), nStatic.getConstructSignatures(), `new ${subject}`, oNode, nNode);
      this.compareMembers(
        publicMembers(this.loaded, oStatic).filter((m) => m.getName() !== 'prototype'),
        publicMembers(this.loaded, nStatic).filter((m) => m.getName() !== 'prototype'),
        subject,
        oNode,
        nNode,
      );
    }
    this.compareMembers(publicMembers(this.loaded, oNode.getType()), publicMembers(this.loaded, nNode.getType()), subject, oNode, nNode);
  }

  private compareMembers(oMembers: readonly MorphSymbol[], nMembers: readonly MorphSymbol[], owner: string, oAt: Node, nAt: Node): void {
    const before = new Map(oMembers.map((m) => [m.getName(), m]));
    const after = new Map(nMembers.map((m) => [m.getName(), m]));
    for (const [name, o] of [...before].sort(byKey)) {
      const n = after.get(name);
      if (n !== undefined) this.compareMember(o, n, `${owner}.${name}`, oAt, nAt);
    }
    const removed = [...before.keys()]
      .filter((name) => !after.has(name))
      .sort()
      .map((name) => before.get(name)!);
    const added = [...after.keys()]
      .filter((name) => !before.has(name))
      .sort()
      .map((name) => after.get(name)!);
    const renames = this.pairRenames(
      removed,
      added,
      (o, n) => memberShape(o, oAt) === memberShape(n, nAt),
      (o, n) => this.isSame(() => this.compareMember(o, n, `${owner}.${o.getName()}`, oAt, nAt)),
    );
    for (const [o, n] of renames.pairs) {
      this.add(
        'member-renamed',
        'both',
        `${owner}.${o.getName()}`,
        `\`${owner}.${o.getName()}\` was renamed to \`${owner}.${n.getName()}\` (the same ${memberWord(o)}).`,
        declarationOf(o, oAt),
        declarationOf(n, nAt),
      );
    }
    for (const o of renames.removed)
      this.add(
        'member-removed',
        'both',
        `${owner}.${o.getName()}`,
        `The ${memberWord(o)} \`${owner}.${o.getName()}\` was removed.`,
        declarationOf(o, oAt),
        undefined,
      );
    for (const n of renames.added)
      this.add(
        'member-added',
        'both',
        `${owner}.${n.getName()}`,
        `The ${memberWord(n)} \`${owner}.${n.getName()}\` was added.`,
        undefined,
        declarationOf(n, nAt),
      );
  }

  private compareMember(o: MorphSymbol, n: MorphSymbol, subject: string, oAt: Node, nAt: Node): void {
    const [oNode, nNode] = [declarationOf(o, oAt), declarationOf(n, nAt)];
    this.compareDocs(o, n, subject, oNode, nNode);
    const [oType, nType] = [o.getTypeAtLocation(oAt), n.getTypeAtLocation(nAt)];
    if (isMethod(this.loaded, o) && isMethod(this.loaded, n))
      this.compareSignatures(oType.getCallSignatures(), nType.getCallSignatures(), subject, oNode, nNode);
    else this.compareTypes(oType, nType, subject, 'response', { old: oNode, new: nNode });
  }

  // ---- signatures ----

  private compareSignatures(
    oSignatures: readonly Signature[],
    nSignatures: readonly Signature[],
    subject: string,
    oAt: Node,
    nAt: Node,
  ): void {
    const count = Math.min(oSignatures.length, nSignatures.length);
    for (let i = 0; i < count; i++) this.compareSignature(oSignatures[i]!, nSignatures[i]!, subject, oAt, nAt);
    const which = (i: number) => (Math.max(oSignatures.length, nSignatures.length) > 1 ? ` (overload ${i + 1})` : '');
    for (let i = count; i < oSignatures.length; i++)
      this.add(
        'overload-removed',
        'both',
        subject,
        `A call signature of \`${subject}\`${which(i)} was removed: \`${signatureText(oSignatures[i]!)}\`.`,
        oAt,
        undefined,
      );
    for (let i = count; i < nSignatures.length; i++)
      this.add(
        'overload-added',
        'both',
        subject,
        `A call signature of \`${subject}\`${which(i)} was added: \`${signatureText(nSignatures[i]!)}\`.`,
        undefined,
        nAt,
      );
  }

  /**
   * Parameters are positional: one at the same place is the same parameter whatever its name.
   * A parameter added after the old ones is required or optional; one added before an existing
   * parameter moves it, which breaks every call that passes it.
   */
  private compareSignature(o: Signature, n: Signature, subject: string, oAt: Node, nAt: Node): void {
    const [oParams, nParams] = [o.getParameters().map((p) => parameterOf(p, oAt)), n.getParameters().map((p) => parameterOf(p, nAt))];
    const nNames = nParams.map((p) => p.name);
    const oNames = oParams.map((p) => p.name);
    let j = 0;
    for (let i = 0; i < oParams.length; i++) {
      const op = oParams[i]!;
      // a new parameter (its name unknown to the old signature) standing where an old one that still exists now stands further on
      const movedTo = nNames.indexOf(op.name);
      if (movedTo > j && nNames.slice(j, movedTo).every((name) => !oNames.includes(name))) {
        for (; j < movedTo; j++) {
          const np = nParams[j]!;
          this.add(
            'parameter-inserted',
            'request',
            `${subject}(${np.name})`,
            `\`${subject}\` has a new ${np.isOptional ? 'optional' : 'required'} parameter \`${np.name}\` before \`${op.name}\`: calls passing \`${op.name}\` now pass it as \`${np.name}\`.`,
            oAt,
            np.node,
          );
        }
      }
      const np = nParams[j];
      if (np === undefined) {
        this.add(
          'parameter-removed',
          'request',
          `${subject}(${op.name})`,
          `The parameter \`${op.name}\` of \`${subject}\` was removed.`,
          op.node,
          nAt,
        );
        continue;
      }
      j++;
      const path = `${subject}(${op.name})`;
      if (op.isOptional && !np.isOptional)
        this.add(
          'parameter-made-required',
          'request',
          path,
          `The parameter \`${op.name}\` of \`${subject}\` is now required.`,
          op.node,
          np.node,
        );
      if (!op.isOptional && np.isOptional)
        this.add(
          'parameter-made-optional',
          'request',
          path,
          `The parameter \`${op.name}\` of \`${subject}\` is now optional.`,
          op.node,
          np.node,
        );
      this.compareTypes(op.type, np.type, path, 'request', { old: op.node, new: np.node });
    }
    for (; j < nParams.length; j++) {
      const np = nParams[j]!;
      const kind = np.isOptional ? 'parameter-added-optional' : 'parameter-added-required';
      this.add(
        kind,
        'request',
        `${subject}(${np.name})`,
        `\`${subject}\` has a new ${np.isOptional ? 'optional' : 'required'} last parameter \`${np.name}\`.`,
        oAt,
        np.node,
      );
    }
    this.compareTypes(
      o.getReturnType(),
      n.getReturnType(),
      `${subject}()`,
      'response',
      { old: oAt, new: nAt },
      false,
      'The return type of ',
    );
  }

  // ---- types ----

  /**
   * `top` is set for an export's own type, which is compared even though its name is the same;
   * anywhere else a type exported under the same name in both packages is judged at its export.
   */
  private compareTypes(o: Type, n: Type, subject: string, side: ApiSide, at: { old: Node; new: Node }, top = false, what = ''): void {
    if (o === n) return;
    const key = `${typeId(o)}|${typeId(n)}|${side}|${top}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const [oNamed, nNamed] = [this.namedDeclaration(o, 0), this.namedDeclaration(n, 1)];
    if (
      !top &&
      oNamed !== undefined &&
      nNamed !== undefined &&
      (oNamed.symbol === nNamed.symbol ||
        (oNamed.isPackage && nNamed.isPackage && oNamed.name === nNamed.name && oNamed.isExported && nNamed.isExported))
    ) {
      this.compareTypeArguments(o, n, subject, side, at);
      return;
    }
    if (oNamed?.isPackageClass && nNamed?.isPackageClass) {
      const [oDecl, nDecl] = [oNamed.symbol.getDeclarations()[0], nNamed.symbol.getDeclarations()[0]];
      if (oDecl && nDecl) {
        this.compareTypeArguments(o, n, subject, side, at);
        this.compareMembers(publicMembers(this.loaded, o), publicMembers(this.loaded, n), subject, oDecl, nDecl);
        return;
      }
    }
    // the type parameters of two generic declarations are different types of the same name
    if (o.isTypeParameter() && n.isTypeParameter() && o.getText() === n.getText()) return;
    if (this.compareLiterals(o, n, subject, side, at)) return;
    if (o.isArray() && n.isArray()) {
      this.compareTypes(o.getArrayElementTypeOrThrow(), n.getArrayElementTypeOrThrow(), `${subject}[]`, side, at);
      return;
    }
    const before = this.changes.length;
    if (isObjectLike(o) && isObjectLike(n)) this.compareProperties(o, n, subject, side, at);
    if (this.changes.length > before) return;
    const [widens, narrows] = [o.isAssignableTo(n), n.isAssignableTo(o)];
    if (widens && narrows) return;
    // the checker cannot relate two generic types (`(value: T) => R` of each package); their text can
    if (!widens && !narrows && o.getText(at.old) === n.getText(at.new)) return;
    const [oText, nText] = [typeText(o, at.old), typeText(n, at.new)];
    const texts = oText === nText ? `\`${oText}\` (a type it refers to changed)` : `\`${oText}\` to \`${nText}\``;
    if (widens)
      this.add(
        'type-widened',
        side,
        subject,
        `${what}\`${subject}\` was widened ${oText === nText ? 'in' : 'from'} ${texts}.`,
        at.old,
        at.new,
      );
    else if (narrows)
      this.add(
        'type-narrowed',
        side,
        subject,
        `${what}\`${subject}\` was narrowed ${oText === nText ? 'in' : 'from'} ${texts}.`,
        at.old,
        at.new,
      );
    else
      this.add('type-changed', side, subject, `${what}\`${subject}\` changed ${oText === nText ? 'in' : 'from'} ${texts}.`, at.old, at.new);
  }

  private compareTypeArguments(o: Type, n: Type, subject: string, side: ApiSide, at: { old: Node; new: Node }): void {
    const [oArgs, nArgs] = [typeArguments(o), typeArguments(n)];
    if (oArgs.length !== nArgs.length) {
      if (!(o.isAssignableTo(n) && n.isAssignableTo(o)))
        this.add(
          'type-changed',
          side,
          subject,
          `\`${subject}\` changed from \`${typeText(o, at.old)}\` to \`${typeText(n, at.new)}\`.`,
          at.old,
          at.new,
        );
      return;
    }
    oArgs.forEach((arg, i) => this.compareTypes(arg, nArgs[i]!, subject, side, at));
  }

  /** Unions with string or number literals: members added or removed, open (`| (string & {})`) or closed. */
  private compareLiterals(o: Type, n: Type, subject: string, side: ApiSide, at: { old: Node; new: Node }): boolean {
    const [oParts, nParts] = [unionParts(o), unionParts(n)];
    if (oParts.literals.size + nParts.literals.size === 0) return false;
    const added = [...nParts.literals].filter((value) => !oParts.literals.has(value)).sort();
    const removed = [...oParts.literals].filter((value) => !nParts.literals.has(value)).sort();
    const isOpen = o.isAssignableTo(n) && n.isAssignableTo(o);
    const sameRest =
      oParts.rest.length === nParts.rest.length &&
      oParts.rest.every((part, i) => typeText(part, at.old) === typeText(nParts.rest[i]!, at.new));
    if (!isOpen && !sameRest) return false;
    for (const value of added) {
      if (isOpen) this.add('suggested-value-added', side, subject, `\`${subject}\` suggests the new value ${value}.`, at.old, at.new);
      else this.add('union-member-added', side, subject, `\`${subject}\` has the new member ${value}.`, at.old, at.new);
    }
    for (const value of removed) {
      if (isOpen)
        this.add('suggested-value-removed', side, subject, `\`${subject}\` no longer suggests the value ${value}.`, at.old, at.new);
      else this.add('union-member-removed', side, subject, `\`${subject}\` lost the member ${value}.`, at.old, at.new);
    }
    return true;
  }

  private compareProperties(o: Type, n: Type, subject: string, side: ApiSide, at: { old: Node; new: Node }): void {
    const before = new Map(o.getProperties().map((p) => [p.getName(), p]));
    const after = new Map(n.getProperties().map((p) => [p.getName(), p]));
    for (const [name, op] of [...before].sort(byKey)) {
      const path = `${subject}.${name}`;
      const np = after.get(name);
      const oNode = declarationOf(op, at.old);
      if (np === undefined) {
        this.add('property-removed', side, path, `The property \`${path}\` was removed.`, oNode, undefined);
        continue;
      }
      const nNode = declarationOf(np, at.new);
      const [oOptional, nOptional] = [isOptional(this.loaded, op), isOptional(this.loaded, np)];
      if (oOptional && !nOptional)
        this.add('property-made-required', side, path, `The property \`${path}\` is now required.`, oNode, nNode);
      if (!oOptional && nOptional)
        this.add('property-made-optional', side, path, `The property \`${path}\` is now optional.`, oNode, nNode);
      this.compareDocs(op, np, path, oNode, nNode);
      this.compareTypes(op.getTypeAtLocation(at.old), np.getTypeAtLocation(at.new), path, side, { old: oNode, new: nNode });
    }
    for (const [name, np] of [...after].sort(byKey)) {
      if (before.has(name)) continue;
      const path = `${subject}.${name}`;
      const optional = isOptional(this.loaded, np);
      this.add(
        optional ? 'property-added-optional' : 'property-added-required',
        side,
        path,
        `The ${optional ? 'optional' : 'required'} property \`${path}\` was added.`,
        undefined,
        declarationOf(np, at.new),
      );
    }
  }

  private compareDocs(o: MorphSymbol | undefined, n: MorphSymbol | undefined, subject: string, oAt: Node, nAt: Node): void {
    if (o === undefined || n === undefined) return;
    const [oDoc, nDoc] = [docOf(this.loaded, o), docOf(this.loaded, n)];
    if (!oDoc.deprecated && nDoc.deprecated)
      this.add(
        'deprecated',
        'both',
        subject,
        `\`${subject}\` is now deprecated${nDoc.deprecated.length > 1 ? `: ${nDoc.deprecated.trim()}` : '.'}`,
        oAt,
        nAt,
      );
    if (oDoc.text !== nDoc.text) this.add('doc-changed', 'both', subject, `The documentation of \`${subject}\` changed.`, oAt, nAt);
  }

  // ---- helpers bound to the run ----

  /** The declaration that names a type (an alias, interface, class or enum), with where it lives. */
  private namedDeclaration(type: Type, side: 0 | 1) {
    const symbol = type.getAliasSymbol() ?? type.getSymbol();
    if (symbol === undefined) return undefined;
    const name = symbol.getName();
    if (name.startsWith('__')) return undefined; // an anonymous object or function type
    const declaration = symbol.getDeclarations()[0];
    const isPackage = declaration?.getSourceFile().getFilePath().startsWith(this.packages[side].root) === true;
    const isClass = declaration !== undefined && declaration.getKindName() === 'ClassDeclaration';
    return { symbol, name, isPackage, isPackageClass: isPackage && isClass, isExported: this.exported[side].has(name) };
  }

  /** Runs `compare` on a scratch list: true when it finds no change but docs (the test of a rename). */
  private isSame(compare: () => void): boolean {
    const [changes, seen] = [this.changes, this.seen];
    this.changes = [];
    this.seen = new Set();
    try {
      compare();
      return this.changes.every((change) => change.kind === 'doc-changed');
    } finally {
      this.changes = changes;
      this.seen = seen;
    }
  }

  /** Pairs removed and added items that are one item renamed: the same shape, the most similar names first. */
  private pairRenames<T extends ExportItem | MorphSymbol>(
    removed: readonly T[],
    added: readonly T[],
    mayPair: (o: T, n: T) => boolean,
    isRename: (o: T, n: T) => boolean,
  ) {
    const nameOf = (item: T) => ('subject' in item ? item.name : item.getName());
    const unpaired = [...added];
    const pairs: [T, T][] = [];
    const stillRemoved: T[] = [];
    for (const o of removed) {
      const name = nameOf(o);
      // `isGadget` after `Gadget` -> `Gizmo` was paired: `isGizmo` is the likeliest
      const expected = new Set(this.renamedNames.flatMap(([from, to]) => (name.includes(from) ? [name.split(from).join(to)] : [])));
      const distance = (n: T) => (expected.has(nameOf(n)) ? -1 : editDistance(name, nameOf(n)));
      const candidates = unpaired
        .filter((n) => mayPair(o, n))
        .sort((a, b) => distance(a) - distance(b) || (nameOf(a) < nameOf(b) ? -1 : 1));
      const match = candidates.find((n) => isRename(o, n));
      if (match === undefined) stillRemoved.push(o);
      else {
        pairs.push([o, match]);
        unpaired.splice(unpaired.indexOf(match), 1);
        if (name.length >= 3) this.renamedNames.push([name, nameOf(match)]);
      }
    }
    return { pairs, removed: stillRemoved, added: unpaired };
  }

  add(kind: ApiChangeKind, side: ApiSide, subject: string, message: string, oldNode: Node | undefined, newNode: Node | undefined): void {
    const location = {
      ...(oldNode ? { old: this.locate(oldNode, 0) } : {}),
      ...(newNode ? { new: this.locate(newNode, 1) } : {}),
    };
    const sided = new Set(Object.values(API_CHANGE_KINDS[kind].severity)).size > 1;
    this.changes.push({ kind, severity: apiSeverityOf(kind, side), ...(sided ? { side } : {}), subject, message, location });
  }

  private locate(node: Node, side: 0 | 1): SourceLocation {
    const file: SourceFile = node.getSourceFile();
    const named = (node as Node & { getNameNode?: () => Node | undefined }).getNameNode?.() ?? node;
    const { line, column } = file.getLineAndColumnAtPos(named.getStart());
    const pkg = this.packages[side];
    return { file: file.getFilePath().startsWith(pkg.root) ? pkg.shown(file) : file.getFilePath(), line, column, pointer: '' };
  }
}

// ---- exports ----

function exportsOf(pkg: LoadedPackage): Map<string, ExportItem> {
  const items = new Map<string, ExportItem>();
  for (const { subpath, file } of pkg.entries) {
    const declarations = [...file.getExportedDeclarations()];
    const names = new Map<Node, string[]>();
    for (const [name, nodes] of declarations) if (nodes[0]) names.set(nodes[0], [...(names.get(nodes[0]) ?? []), name]);
    for (const [name, nodes] of declarations) {
      const node = nodes[0];
      if (node === undefined) continue;
      const subject = subpath === '.' ? name : `${subpath.slice(2)}/${name}`;
      const isAlias = (names.get(node)?.length ?? 0) > 1 && name === 'default';
      items.set(subject, { name, subject, node, symbol: node.getSymbol(), category: categoryOf(node), isAlias });
    }
  }
  return items;
}

function categoryOf(node: Node): Category {
  switch (node.getKindName()) {
    case 'ClassDeclaration':
      return 'class';
    case 'FunctionDeclaration':
      return 'function';
    case 'VariableDeclaration':
      return 'variable';
    case 'InterfaceDeclaration':
    case 'TypeAliasDeclaration':
      return 'type';
    case 'EnumDeclaration':
      return 'enum';
    default:
      return 'other';
  }
}

function describeCategory(category: Category): string {
  return { class: 'class', function: 'function', variable: 'constant', type: 'type', enum: 'enum', other: 'export' }[category];
}

function declarationName(node: Node): string | undefined {
  return (node as Node & { getName?: () => string | undefined }).getName?.();
}

/** A cheap fingerprint two exports must share to be one export renamed (the full comparison decides). */
function shapeKey(item: ExportItem): string {
  const type = item.node.getType();
  const signatures = type.getCallSignatures().map((signature) => signature.getParameters().length);
  const properties = item.category === 'class' ? [] : type.getProperties().map((p) => p.getName());
  return `${item.category}:${signatures.join(',')}:${properties.sort().join(',')}:${unionParts(type).literals.size}`;
}

// ---- usage: which side of a call each named type is on ----

/** For each type name of the package: passed in by callers, received by them, or both. */
function usageSides(pkg: LoadedPackage, items: ReadonlyMap<string, ExportItem>): Map<string, Set<'request' | 'response'>> {
  const sides = new Map<string, Set<'request' | 'response'>>();
  const seen = new Set<string>();
  const walkSignature = (signature: Signature, at: Node) => {
    for (const parameter of signature.getParameters()) walkType(parameter.getTypeAtLocation(at), 'request', at);
    walkType(signature.getReturnType(), 'response', at);
  };
  const walkType = (type: Type, side: 'request' | 'response', at: Node): void => {
    const key = `${typeId(type)}|${side}`;
    if (seen.has(key)) return;
    seen.add(key);
    const symbol = type.getAliasSymbol() ?? type.getSymbol();
    const declaration = symbol?.getDeclarations()[0];
    const isPackage = declaration?.getSourceFile().getFilePath().startsWith(pkg.root) === true;
    if (symbol && isPackage) sides.set(symbol.getName(), (sides.get(symbol.getName()) ?? new Set()).add(side));
    for (const part of [
      ...(type.isUnion() ? type.getUnionTypes() : []),
      ...(type.isIntersection() ? type.getIntersectionTypes() : []),
      ...typeArguments(type),
    ])
      walkType(part, side, at);
    if (type.isArray()) walkType(type.getArrayElementTypeOrThrow(), side, at);
    if (!isPackage || declaration === undefined) {
      if (symbol?.getName() !== '__type' && symbol?.getName() !== '__object') return;
    }
    if (declaration?.getKindName() === 'ClassDeclaration') {
      for (const member of type.getProperties()) {
        const memberType = member.getTypeAtLocation(declaration);
        const signatures = memberType.getCallSignatures();
        if (signatures.length > 0) for (const signature of signatures) walkSignature(signature, declaration);
        else walkType(memberType, 'response', declaration);
      }
      return;
    }
    for (const property of type.getProperties()) walkType(property.getTypeAtLocation(at), side, at);
  };
  for (const item of items.values()) {
    const type = item.node.getType();
    if (item.category === 'function') for (const signature of type.getCallSignatures()) walkSignature(signature, item.node);
    if (item.category === 'class' || item.category === 'variable') walkType(type, 'response', item.node);
    if (item.category === 'class')
      for (const signature of staticType(item.node)?.getConstructSignatures() ?? []) walkSignature(signature, item.node);
  }
  return sides;
}

function mergeSides([before, after]: Pair<Map<string, Set<'request' | 'response'>>>): Map<string, ApiSide> {
  const merged = new Map<string, ApiSide>();
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const sides = new Set([...(before.get(name) ?? []), ...(after.get(name) ?? [])]);
    merged.set(name, sides.size === 1 ? [...sides][0]! : 'both');
  }
  return merged;
}

// ---- small readers of ts-morph values ----

function staticType(node: Node): Type | undefined {
  const symbol = node.getSymbol();
  return symbol?.getTypeAtLocation(node);
}

/** Public members: no `private`, `protected` or `#private` ones. */
function publicMembers(loaded: LoadedPackages, type: Type): MorphSymbol[] {
  const { ts } = loaded;
  return type.getProperties().filter((member) => {
    if (member.getName().startsWith('#') || member.getName().startsWith('__')) return false;
    return member
      .getDeclarations()
      .every(
        (declaration) =>
          (ts.getCombinedModifierFlags(declaration.compilerNode as never) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) === 0,
      );
  });
}

function isMethod(loaded: LoadedPackages, symbol: MorphSymbol): boolean {
  return symbol.hasFlags(loaded.ts.SymbolFlags.Method);
}

function isOptional(loaded: LoadedPackages, symbol: MorphSymbol): boolean {
  return symbol.hasFlags(loaded.ts.SymbolFlags.Optional);
}

function memberWord(symbol: MorphSymbol): string {
  return symbol.getDeclarations()[0]?.getKindName() === 'MethodDeclaration' ? 'method' : 'member';
}

function memberShape(symbol: MorphSymbol, at: Node): string {
  const signatures = symbol.getTypeAtLocation(at).getCallSignatures();
  return `${memberWord(symbol)}:${signatures.map((signature) => signature.getParameters().length).join(',')}`;
}

function declarationOf(symbol: MorphSymbol, fallback: Node): Node {
  return symbol.getDeclarations()[0] ?? fallback;
}

interface Parameter {
  readonly name: string;
  readonly isOptional: boolean;
  readonly type: Type;
  readonly node: Node;
}

function parameterOf(symbol: MorphSymbol, at: Node): Parameter {
  const node = symbol.getDeclarations()[0] ?? at;
  const declaration = node as Node & {
    hasQuestionToken?: () => boolean;
    hasInitializer?: () => boolean;
    isRestParameter?: () => boolean;
    getTypeNode?: () => Node | undefined;
  };
  const isOptional =
    declaration.hasQuestionToken?.() === true || declaration.hasInitializer?.() === true || declaration.isRestParameter?.() === true;
  // the declared type: an optional parameter's `| undefined` is its optionality, reported as such
  return { name: symbol.getName(), isOptional, type: declaration.getTypeNode?.()?.getType() ?? symbol.getTypeAtLocation(node), node };
}

function signatureText(signature: Signature): string {
  const text = signature.getDeclaration().getText().split('{')[0]!.replace(/\s+/g, ' ').trim();
  return cut(text.replace(/^export\s+(?:declare\s+)?(?:function\s+)?/, '').replace(/;$/, ''));
}

function typeArguments(type: Type): Type[] {
  return type.getAliasSymbol() ? type.getAliasTypeArguments() : type.getTypeArguments();
}

function unionParts(type: Type): { literals: Set<string>; rest: Type[] } {
  const literals = new Set<string>();
  const rest: Type[] = [];
  for (const part of type.isUnion() ? type.getUnionTypes() : [type]) {
    if (part.isStringLiteral() || part.isNumberLiteral()) literals.add(JSON.stringify(part.getLiteralValue()));
    else rest.push(part);
  }
  return { literals, rest };
}

function isObjectLike(type: Type): boolean {
  if (type.isUnion() || type.isArray() || type.isTuple()) return false;
  if (type.isIntersection()) return type.getIntersectionTypes().every((part) => part.isObject());
  return type.isObject() && type.getCallSignatures().length === 0 && type.getConstructSignatures().length === 0;
}

function docOf(loaded: LoadedPackages, symbol: MorphSymbol): { text: string; deprecated?: string } {
  const checker = loaded.project.getTypeChecker().compilerObject;
  const compiler = symbol.compilerSymbol;
  const comment = loaded.ts.displayPartsToString(compiler.getDocumentationComment(checker));
  const tags = compiler.getJsDocTags(checker).map((tag) => ({ name: tag.name, text: loaded.ts.displayPartsToString(tag.text) }));
  const deprecated = tags.find((tag) => tag.name === 'deprecated');
  const text = [comment, ...tags.filter((tag) => tag.name !== 'deprecated').map((tag) => `@${tag.name} ${tag.text}`)].join('\n');
  return { text, ...(deprecated ? { deprecated: deprecated.text || ' ' } : {}) };
}

function typeId(type: Type): number {
  return (type.compilerType as { id?: number }).id ?? -1;
}

function typeText(type: Type, at: Node): string {
  return cut(type.getText(at));
}

function cut(text: string): string {
  return text.length > TYPE_TEXT_LIMIT ? `${text.slice(0, TYPE_TEXT_LIMIT - 1)}…` : text;
}

function byKey<V>(a: readonly [string, V], b: readonly [string, V]): number {
  return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
}

/** Severity, then subject, kind and message; case-insensitive, then by code unit (locale-independent), as the spec diff sorts. */
function compareChanges(a: ApiChange, b: ApiChange): number {
  const byCodeUnit = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  const byText = (x: string, y: string) => byCodeUnit(x.toLowerCase(), y.toLowerCase()) || byCodeUnit(x, y);
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    byText(a.subject, b.subject) ||
    byText(a.kind, b.kind) ||
    byText(a.message, b.message)
  );
}
