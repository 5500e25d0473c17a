// Follows relative `$ref`s across files and bundles the spec into one document, so that every
// later stage reads a self-contained spec. Each file is read and parsed once. A referenced object
// is put in the root's `components/<section>/<name>` (a path item is copied where it is used) and
// the refs to it are rewritten to `#/components/<section>/<name>`: one object, however many
// relative paths reach it, so one type per schema. `locate()` maps every pointer of the bundled
// document back to the file and the place it came from.
//
// Two steps: read every file the spec can reach (asynchronous, tolerant: a file that only an
// example value names is read but never reported), then walk the OpenAPI structure and rewrite
// (synchronous, every problem reported at the `$ref` that caused it).
import { basename, dirname, isAbsolute, join, normalize, relative } from 'node:path';
import { defaultHint } from '../diagnostics/codes.js';
import { SpecError, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/suggest.js';
import { decodeUtf8 } from './decode-utf8.js';
import { isRecord } from './json-node.js';
import { loadSpec, type LoadedSpec } from './load-spec.js';
import { COMPONENT_SECTION, REFERENCEABLE, SHAPES, sectionEntryKind, type NodeKind } from './openapi-kinds.js';
import { childPointer, decodePointer, nodeAt } from './pointer.js';
import { parseRefUri, refDocumentUri, selfUri } from './ref-uri.js';

/** The disk, as the bundler sees it (the caller owns the reading). */
export interface SpecFileSystem {
  /** The file's bytes: the bundler decodes them, so every file gets the same UTF-8 check. */
  readFile(path: string): Promise<Uint8Array>;
  /** The path with symbolic links resolved: one file reached through two paths is one file. */
  realPath(path: string): Promise<string>;
}

export interface BundledSpec extends LoadedSpec {
  /** The text of every file read, by the name diagnostics give it, for code frames. */
  readonly sources: ReadonlyMap<string, string>;
  /** The absolute path of every file the spec refers to, missing ones too; the main file first. */
  readonly files: readonly string[];
}

/** One parsed file of the spec. */
export interface SpecFile {
  /** As diagnostics name it: beside the main spec's name, so relative to the cwd when that is. */
  readonly file: string;
  readonly path: string;
  readonly identity: string;
  readonly loaded: LoadedSpec;
}

type FileState =
  | { readonly kind: 'ok'; readonly file: SpecFile }
  | { readonly kind: 'unreadable'; readonly file: string; readonly code: string }
  | { readonly kind: 'unparsable'; readonly file: string; readonly diagnostics: readonly Diagnostic[]; readonly text: string };

/** `main` is the parsed main file, read from the absolute `path`. */
export async function bundleRefs(main: LoadedSpec, path: string, fs: SpecFileSystem): Promise<BundledSpec> {
  const mainFile: SpecFile = { file: main.file, path, identity: await fs.realPath(path).catch(() => path), loaded: main };
  const { states, isSelfContained } = await readReachableFiles(mainFile, fs);
  const sources = new Map(
    [...states.values()].flatMap((state): [string, string][] =>
      state.kind === 'ok' ? [[state.file.file, state.file.loaded.text]] : state.kind === 'unparsable' ? [[state.file, state.text]] : [],
    ),
  );
  const files = [path, ...[...states.keys()].filter((p) => p !== path).sort()];
  if (isSelfContained) return { ...main, sources, files };
  // The first pass finds every object some ref names; the second writes each of them once, as a
  // component, even where it sits inside another referenced object (`pet.yaml` and
  // `pet.yaml#/properties/animal`), whichever is met first.
  const first = new Bundler(mainFile, states, new Set());
  first.bundle();
  if (first.problems.length > 0) throw new SpecError(first.problems, sources);
  const second = new Bundler(mainFile, states, first.referenced());
  const root = second.bundle();
  if (second.problems.length > 0) throw new SpecError(second.problems, sources);
  return { ...main, root, locate: second.locate, sources, files };
}

/**
 * Every file the spec can reach, by absolute path: the main file, then what it refers to, and so
 * on; and whether the main file refers to no other file or URL at all.
 */
export async function readReachableFiles(
  main: SpecFile,
  fs: SpecFileSystem,
): Promise<{ states: Map<string, FileState>; isSelfContained: boolean }> {
  const states = new Map<string, FileState>([[main.path, { kind: 'ok', file: main }]]);
  let isSelfContained = true;
  const byIdentity = new Map<string, SpecFile>([[main.identity, main]]);
  let frontier = [main];
  while (frontier.length > 0) {
    const wanted = new Set<string>();
    for (const file of frontier) {
      for (const ref of outwardRefs(file.loaded.root)) {
        isSelfContained = false;
        const uri = parseRefUri(ref, file.path, selfOf(file.loaded.root));
        if (uri.kind === 'file' && !states.has(uri.path)) wanted.add(uri.path);
      }
    }
    const paths = [...wanted].sort();
    const read = await Promise.all(paths.map((p) => readOne(p, fs)));
    frontier = [];
    paths.forEach((p, index) => {
      const result = read[index]!;
      if ('code' in result) {
        states.set(p, { kind: 'unreadable', file: displayName(main, p), code: result.code });
        return;
      }
      const known = byIdentity.get(result.identity);
      if (known) {
        states.set(p, { kind: 'ok', file: known });
        return;
      }
      const file = displayName(main, p);
      let text: string | undefined;
      try {
        text = decodeUtf8(file, result.bytes);
        const spec: SpecFile = { file, path: p, identity: result.identity, loaded: loadSpec(file, text) };
        byIdentity.set(result.identity, spec);
        states.set(p, { kind: 'ok', file: spec });
        frontier.push(spec);
      } catch (error) {
        if (!(error instanceof SpecError)) throw error;
        // a file that is not UTF-8 is shown as a lenient decoder reads it
        states.set(p, { kind: 'unparsable', file, diagnostics: error.diagnostics, text: text ?? error.sources.get(file) ?? '' });
      }
    });
  }
  return { states, isSelfContained };
}

async function readOne(path: string, fs: SpecFileSystem): Promise<{ bytes: Uint8Array; identity: string } | { code: string }> {
  try {
    const [bytes, identity] = await Promise.all([fs.readFile(path), fs.realPath(path)]);
    return { bytes, identity };
  } catch (error) {
    return { code: (error as NodeJS.ErrnoException).code ?? String(error) };
  }
}

/** The name of `path` in diagnostics: beside the main spec's name, so as relative as it is. */
function displayName(main: SpecFile, path: string): string {
  if (isAbsolute(main.file)) return path;
  return normalize(join(dirname(main.file), relative(dirname(main.path), path)));
}

/**
 * Every `$ref` string of a document that names another file or a URL (not a `#…` fragment), and
 * discriminator mapping values that name files. One pass, no copies: a large single-file spec
 * pays only this scan.
 */
/** A document's OpenAPI 3.2 `$self` (its own URI, the base of its relative refs), when it has one. */
function selfOf(root: unknown): string | undefined {
  return isRecord(root) && typeof root['$self'] === 'string' ? root['$self'] : undefined;
}

function outwardRefs(root: unknown): string[] {
  const found: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) {
      for (const item of node) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const value = record[key];
      if (typeof value === 'string') {
        if (key === '$ref' && !value.startsWith('#')) found.push(value);
      } else if (typeof value === 'object' && value !== null) {
        if (key === 'mapping' && !Array.isArray(value))
          for (const target of Object.values(value)) if (typeof target === 'string' && isFileMapping(target)) found.push(target);
        stack.push(value);
      }
    }
  }
  return found;
}

/** A discriminator mapping value is a schema name unless it reads as a reference to a file. */
function isFileMapping(value: string): boolean {
  return !value.startsWith('#') && (/[/\\]/.test(value) || /\.(ya?ml|json)(#|$)/i.test(value));
}

/** Where a node of the bundled document is: in which file, and at which pointer in it. */
interface Site {
  readonly file: SpecFile;
  readonly pointer: string;
  /** Its pointer in the bundled document. */
  readonly synthetic: string;
}

interface Target {
  readonly file: SpecFile;
  readonly pointer: string;
  readonly node: unknown;
}

interface Placement {
  readonly section: string;
  readonly name: string;
  readonly kind: NodeKind;
  readonly target: Target;
  /** The name it would have had, when another component already had it. */
  readonly wanted?: string;
}

class Bundler {
  readonly problems: Diagnostic[] = [];
  /** `identity#pointer` of each referenced object -> its local ref in the bundled document. */
  readonly #placed = new Map<string, string>();
  /** Root components that are nothing but a ref to another file: the object is copied there. */
  readonly #homes = new Map<string, string>();
  /** Bundled pointer -> where its subtree comes from. */
  readonly #regions = new Map<string, { readonly file: SpecFile; readonly pointer: string }>();
  readonly #added = new Map<string, Map<string, unknown>>();
  readonly #queue: Placement[] = [];
  readonly #inlining = new Set<string>();
  readonly #reportedFiles = new Set<string>();
  readonly #reported = new Set<string>();

  constructor(
    private readonly main: SpecFile,
    private readonly states: ReadonlyMap<string, FileState>,
    /** `identity#pointer` of the objects a ref names, from a first pass. */
    private readonly shared: ReadonlySet<string>,
  ) {}

  /** The loaded document whose `$self` is `uri`. */
  private documentBySelf(uri: string): SpecFile | undefined {
    for (const state of this.states.values()) {
      if (state.kind !== 'ok') continue;
      const self = selfOf(state.file.loaded.root);
      if (self !== undefined && selfUri(self, state.file.path) === uri) return state.file;
    }
    return undefined;
  }

  /** `identity#pointer` of every object of another file some ref names. */
  referenced(): Set<string> {
    return new Set(this.#placed.keys());
  }

  bundle(): unknown {
    this.findHomes();
    const root = this.walk(this.main.loaded.root, 'document', { file: this.main, pointer: '', synthetic: '' });
    for (let next = this.#queue.shift(); next !== undefined; next = this.#queue.shift()) {
      const synthetic = childPointer('/components', next.section, next.name);
      let content = this.walk(next.target.node, next.kind, { file: next.target.file, pointer: next.target.pointer, synthetic }, true);
      // the type keeps the name it wanted; the naming module reports the clash and numbers it
      if (next.wanted !== undefined && next.kind === 'schema' && isRecord(content) && content['x-sdk-name'] === undefined)
        content = { ...content, 'x-sdk-name': next.wanted };
      this.section(next.section).set(next.name, content);
    }
    if (!isRecord(root) || this.#added.size === 0) return root;
    const components = isRecord(root['components']) ? { ...root['components'] } : {};
    for (const [section, added] of this.#added) {
      const existing = isRecord(components[section]) ? components[section] : {};
      const merged: Record<string, unknown> = { ...existing };
      for (const [name, value] of added) setOwn(merged, name, value);
      components[section] = merged;
    }
    return { ...root, components };
  }

  readonly locate = (pointer: string): SourceLocation => {
    for (let current = pointer; ; current = current.slice(0, current.lastIndexOf('/'))) {
      const region = this.#regions.get(current);
      if (region) return region.file.loaded.locate(region.pointer + pointer.slice(current.length));
      if (current === '' || !current.includes('/')) return this.main.loaded.locate(pointer);
    }
  };

  /** `components/schemas/Pet: { $ref: ./pet.yaml }` makes Pet the home of pet.yaml's schema. */
  private findHomes(): void {
    const components = isRecord(this.main.loaded.root) ? this.main.loaded.root['components'] : undefined;
    if (!isRecord(components)) return;
    for (const [section, entries] of Object.entries(components)) {
      if (!isRecord(entries) || sectionEntryKind(section) === undefined) continue;
      for (const [name, entry] of Object.entries(entries)) {
        if (!isRecord(entry) || typeof entry['$ref'] !== 'string') continue;
        const uri = parseRefUri(entry['$ref'], this.main.path, selfOf(this.main.loaded.root));
        if (uri.kind !== 'file') continue;
        const state = this.states.get(uri.path);
        if (state?.kind !== 'ok' || state.file.identity === this.main.identity) continue;
        const key = `${state.file.identity}#${uri.pointer}`;
        if (this.#homes.has(key)) continue;
        const synthetic = childPointer('/components', section, name);
        this.#homes.set(key, synthetic);
        this.#placed.set(key, `#${synthetic}`);
      }
    }
  }

  /** `isPlaced`: the walk starts at the place the object is put, not inside something bigger. */
  private walk(value: unknown, kind: NodeKind, site: Site, isPlaced = false): unknown {
    if (
      !isPlaced &&
      site.file !== this.main &&
      COMPONENT_SECTION[kind] !== undefined &&
      this.shared.has(`${site.file.identity}#${site.pointer}`)
    ) {
      return { $ref: this.place({ file: site.file, pointer: site.pointer, node: value }, kind) };
    }
    if (REFERENCEABLE.has(kind) && isRecord(value) && typeof value['$ref'] === 'string')
      return this.reference(value, value['$ref'], kind, site);
    return this.children(value, kind, site);
  }

  private children(value: unknown, kind: NodeKind, site: Site): unknown {
    // `items: [a, b]`, the draft-4 tuple form
    if (kind === 'schema' && Array.isArray(value)) return this.children(value, 'schemaList', site);
    const shape = SHAPES[kind];
    if (shape.isList) return Array.isArray(value) ? value.map((item, index) => this.walk(item, shape.each!, child(site, index))) : value;
    if (!isRecord(value) || (shape.each === undefined && shape.keys === undefined)) return value;
    const copy: Record<string, unknown> = {};
    for (const [key, entry] of Object.entries(value)) {
      const entryKind = shape.each ?? (Object.hasOwn(shape.keys!, key) ? shape.keys![key] : undefined);
      setOwn(copy, key, entryKind === undefined ? entry : this.walk(entry, entryKind, child(site, key)));
    }
    if (kind === 'schema' && isRecord(copy['discriminator']) && isRecord(copy['discriminator']['mapping'])) {
      copy['discriminator'] = {
        ...copy['discriminator'],
        mapping: this.mapping(copy['discriminator']['mapping'], child(child(site, 'discriminator'), 'mapping')),
      };
    }
    return copy;
  }

  /** Discriminator mapping values that are refs to other files (or, in another file, to itself). */
  private mapping(mapping: Record<string, unknown>, site: Site): Record<string, unknown> {
    const copy: Record<string, unknown> = {};
    for (const [value, ref] of Object.entries(mapping)) {
      let rewritten = ref;
      if (typeof ref === 'string' && (isFileMapping(ref) || (ref.startsWith('#') && site.file !== this.main))) {
        const refSite = child(site, value);
        const target = this.target(ref, refSite);
        if (target !== undefined) rewritten = target.file === this.main ? `#${target.pointer}` : this.place(target, 'schema');
      }
      setOwn(copy, value, rewritten);
    }
    return copy;
  }

  private reference(value: Record<string, unknown>, ref: string, kind: NodeKind, site: Site): unknown {
    // a schema's other keywords beside `$ref` (OpenAPI 3.1) are schema keywords too
    const rest = kind === 'schema' ? (this.children(value, kind, site) as Record<string, unknown>) : { ...value };
    if (ref.startsWith('#') && site.file === this.main) return rest;
    const target = this.target(ref, child(site, '$ref'));
    if (target === undefined) return rest;
    if (target.file === this.main) return { ...rest, $ref: `#${target.pointer}` };
    const key = `${target.file.identity}#${target.pointer}`;
    if (kind === 'pathItem' || this.#homes.get(key) === site.synthetic) return this.inline(rest, kind, target, site, key);
    return { ...rest, $ref: this.place(target, kind) };
  }

  /** The object a ref names, or undefined once the problem is reported. */
  private target(ref: string, refSite: Site): Target | undefined {
    const uri = parseRefUri(ref, refSite.file.path, selfOf(refSite.file.loaded.root));
    const at = refSite.file.loaded.locate(refSite.pointer);
    if (uri.kind === 'invalid')
      return void this.report({
        code: 'model/unresolved-ref',
        severity: 'error',
        message: `The $ref ${JSON.stringify(ref)} cannot be followed: ${uri.reason}.`,
        hint: defaultHint('model/unresolved-ref'),
        at,
      });
    if (uri.kind === 'url') {
      // OpenAPI 3.2: a document is also found by the URI its `$self` gives it
      const named = refDocumentUri(ref, refSite.file.path, selfOf(refSite.file.loaded.root));
      const document = named === undefined ? undefined : this.documentBySelf(named.uri);
      if (named !== undefined && document !== undefined) {
        const found = nodeAt(document.loaded.root, named.pointer);
        if ('node' in found)
          return { file: document.identity === this.main.identity ? this.main : document, pointer: named.pointer, node: found.node };
      }
      const isWeb = uri.scheme === 'http' || uri.scheme === 'https';
      return void this.report({
        code: 'load/url-ref',
        severity: 'error',
        message: isWeb
          ? `The $ref ${JSON.stringify(ref)} is a URL: refs to URLs are not fetched.`
          : `The $ref ${JSON.stringify(ref)} is a \`${uri.scheme}:\` URI, not a file: sdkgen follows refs to files only.`,
        hint: defaultHint('load/url-ref'),
        at,
      });
    }
    let file: SpecFile | undefined = refSite.file;
    if (uri.kind === 'file') {
      file = this.fileAt(uri.path, ref, uri.isAbsolute, refSite, at);
      if (file === undefined) return undefined;
      if (file.identity === this.main.identity) file = this.main;
    }
    const found = nodeAt(file.loaded.root, uri.pointer);
    if ('node' in found) return { file, pointer: uri.pointer, node: found.node };
    const suggestion = closestMatch(found.missing, found.keys);
    return void this.report({
      code: 'model/unresolved-ref',
      severity: 'error',
      message: `The $ref ${JSON.stringify(ref)} points at nothing in ${file.file}: ${found.parent === '' ? 'the document' : `\`${found.parent}\``} has no \`${found.missing}\`.`,
      hint:
        suggestion !== undefined
          ? `Did you mean \`${childPointer(found.parent, suggestion)}\`?`
          : 'Point the $ref at an existing node of that file (a JSON pointer after `#`, or no `#` for the whole file).',
      at,
    });
  }

  private fileAt(path: string, ref: string, isAbsolutePath: boolean, refSite: Site, at: SourceLocation): SpecFile | undefined {
    const state = this.states.get(path);
    if (state?.kind === 'ok') return state.file;
    if (state?.kind === 'unparsable') {
      if (!this.#reportedFiles.has(path)) {
        this.#reportedFiles.add(path);
        for (const diagnostic of state.diagnostics) {
          const message =
            diagnostic.code !== 'load/not-an-object'
              ? diagnostic.message
              : diagnostic.message.includes('empty')
                ? `The file ${state.file} is empty.`
                : `The file ${state.file} is not a mapping, so it holds no OpenAPI object or schema.`;
          this.report({
            ...diagnostic,
            message,
            related: [...(diagnostic.related ?? []), { message: `referenced by ${JSON.stringify(ref)}`, at }],
          });
        }
      }
      return undefined;
    }
    const shown = state?.file ?? displayName(this.main, path);
    const code = state?.code ?? 'ENOENT';
    const what =
      code === 'ENOENT' ? 'which does not exist' : code === 'EISDIR' ? 'which is a folder, not a file' : `which cannot be read (${code})`;
    this.report({
      code: 'load/read-failed',
      severity: 'error',
      message: `The $ref ${JSON.stringify(ref)} points at ${shown}, ${what}.`,
      hint: isAbsolutePath
        ? 'An absolute path is read as it stands, so it must exist on this machine; a path relative to the referring file travels with the spec.'
        : `A relative $ref is resolved against the folder of the file that holds it (${dirname(refSite.file.file)}${dirname(refSite.file.file).endsWith('/') ? '' : '/'}); check the path and its casing.`,
      at,
    });
    return undefined;
  }

  /** Copies the object where the ref stood (a path item, or a root component that is only a ref). */
  private inline(rest: Record<string, unknown>, kind: NodeKind, target: Target, site: Site, key: string): unknown {
    if (this.#inlining.has(key)) {
      this.report({
        code: 'model/ref-cycle',
        severity: 'error',
        message: `The $ref ${JSON.stringify(rest['$ref'])} leads back to the object that holds it.`,
        hint: defaultHint('model/ref-cycle'),
        at: site.file.loaded.locate(childPointer(site.pointer, '$ref')),
      });
      return rest;
    }
    this.#inlining.add(key);
    const content = this.walk(target.node, kind, { file: target.file, pointer: target.pointer, synthetic: site.synthetic }, true);
    this.#inlining.delete(key);
    this.#regions.set(site.synthetic, { file: target.file, pointer: target.pointer });
    if (!isRecord(content)) return content;
    const merged: Record<string, unknown> = { ...content };
    for (const [name, value] of Object.entries(rest)) {
      if (name === '$ref') continue;
      // a sibling of the ref (a `description`, a `summary`) is located where it was written
      setOwn(merged, name, value);
      this.#regions.set(childPointer(site.synthetic, name), { file: site.file, pointer: childPointer(site.pointer, name) });
    }
    return merged;
  }

  /** The local ref of the component that holds `target`, putting it there on first use. */
  private place(target: Target, kind: NodeKind): string {
    const key = `${target.file.identity}#${target.pointer}`;
    const known = this.#placed.get(key);
    if (known !== undefined) return known;
    const section = COMPONENT_SECTION[kind] ?? 'schemas';
    const wanted = componentName(target);
    const name = this.freeName(section, wanted, target.file);
    const synthetic = childPointer('/components', section, name);
    this.#placed.set(key, `#${synthetic}`);
    this.#regions.set(synthetic, { file: target.file, pointer: target.pointer });
    this.section(section).set(name, undefined); // claimed now, filled when the queue reaches it
    this.#queue.push({ section, name, kind, target, ...(name !== wanted ? { wanted } : {}) });
    return `#${synthetic}`;
  }

  /** `Error`, else `common.Error` (the file's base name first), else `common.Error.2`, … */
  private freeName(section: string, wanted: string, file: SpecFile): string {
    const components = isRecord(this.main.loaded.root) ? this.main.loaded.root['components'] : undefined;
    const existing = isRecord(components) && isRecord(components[section]) ? components[section] : {};
    const added = this.section(section);
    const isFree = (name: string) => !Object.hasOwn(existing, name) && !added.has(name);
    if (isFree(wanted)) return wanted;
    const base = componentKey(fileBase(file.path));
    const qualified = base === wanted ? wanted : `${base}.${wanted}`;
    if (isFree(qualified)) return qualified;
    for (let n = 2; ; n++) if (isFree(`${qualified}.${n}`)) return `${qualified}.${n}`;
  }

  private section(section: string): Map<string, unknown> {
    let added = this.#added.get(section);
    if (added === undefined) this.#added.set(section, (added = new Map()));
    return added;
  }

  private report(diagnostic: Diagnostic): void {
    const key = `${diagnostic.code} ${diagnostic.at.file}:${diagnostic.at.line}:${diagnostic.at.column} ${diagnostic.message}`;
    if (this.#reported.has(key)) return;
    this.#reported.add(key);
    this.problems.push(diagnostic);
  }
}

function child(site: Site, key: string | number): Site {
  return { file: site.file, pointer: childPointer(site.pointer, key), synthetic: childPointer(site.synthetic, key) };
}

/**
 * A component name for a referenced object: the last segment of its pointer
 * (`common.yaml#/components/schemas/Error` -> `Error`), or the file's base name for a whole
 * file (`./schemas/pet.yaml` -> `pet`, which becomes the type `Pet`). Trailing list indexes keep
 * the segment before them (`#/parameters/0` -> `parameters_0`).
 */
function componentName(target: Target): string {
  const segments = decodePointer(target.pointer);
  let last = segments.length - 1;
  while (last >= 0 && /^\d+$/.test(segments[last]!)) last--;
  const words = last < 0 ? [fileBase(target.file.path), ...segments] : segments.slice(last);
  return componentKey(words.join('_'));
}

function fileBase(path: string): string {
  return basename(path).replace(/\.(ya?ml|json)$/i, '');
}

/** OpenAPI's pattern for component keys: `^[a-zA-Z0-9.\-_]+$`. */
function componentKey(raw: string): string {
  return raw.replace(/[^A-Za-z0-9._-]+/g, '_').replace(/^_+|_+$/g, '') || 'Unnamed';
}

/** Sets an own property, `__proto__` included (a plain assignment would change the prototype). */
function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}
