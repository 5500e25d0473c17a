// What a watch session keeps of the emitters' work from one run to the next, so that an edit
// costs what it changes. The validators are a function of the IR without its docs (no
// description, summary, example or deprecation reaches a check or a message): an edit of docs
// only, the commonest in a long session, reuses them whole. A declaration of types.ts is printed
// again only when it changed. On the whole OpenAI spec these are most of a run's emit stage.
import type { IrApi, IrSchema } from '../model/ir.js';
import type { EmittedFile } from './emitted-file.js';
import type { Declaration, PrintedDeclaration } from './types/layout.js';

/** IR fields that only docs read: left out of docFreeKey. */
const DOC_FIELDS: ReadonlySet<string> = new Set([
  'description',
  'summary',
  'title',
  'deprecated',
  'example',
  'examples',
  'exampleBody',
  'docLinks',
]);

/** IR fields that hold values from the spec (a const, an enum, a default): kept whole, their own keys included. */
const VALUE_FIELDS: ReadonlySet<string> = new Set(['value', 'values', 'default']);

export class EmitCache {
  #validators: { readonly key: readonly string[]; readonly files: EmittedFile[] } | undefined;
  #declarations = new Map<string, PrintedDeclaration>();
  /** How many runs reused the validators, and how many declarations were printed (for tests). */
  readonly stats = { validatorsReused: 0, declarationsPrinted: 0 };

  /** The validators made last run when the IR differs from that run's in docs at most, else `emit`'s. */
  validators(api: IrApi, emit: () => EmittedFile[]): EmittedFile[] {
    const key = docFreeKey(api);
    if (this.#validators !== undefined && sameKey(this.#validators.key, key)) {
      this.stats.validatorsReused += 1;
      return this.#validators.files;
    }
    const files = emit();
    this.#validators = { key, files };
    return files;
  }

  /** Each declaration printed by `print`, or as last run printed it; keeps this run's for the next. */
  declarations(declarations: readonly Declaration[], print: (declaration: Declaration) => PrintedDeclaration): PrintedDeclaration[] {
    const kept = new Map<string, PrintedDeclaration>();
    const printed = declarations.map((declaration) => {
      const key = JSON.stringify(declaration);
      let result = kept.get(key) ?? this.#declarations.get(key);
      if (result === undefined) {
        result = print(declaration);
        this.stats.declarationsPrinted += 1;
      }
      kept.set(key, result);
      return result;
    });
    this.#declarations = kept;
    return printed;
  }
}

/**
 * The IR as texts without its docs: equal, part for part, for two IRs that differ only in docs.
 * In parts, not joined: a kept schema's part is the same string as last run's, compared at once
 * (joining the whole OpenAI spec's 2 MB of them took 13 ms).
 */
export function docFreeKey(api: IrApi): readonly string[] {
  const { schemas, ...rest } = api;
  const parts = [docFreeText(rest)];
  for (const { schema, ...named } of schemas) parts.push(docFreeText(named), schemaKey(schema));
  return parts;
}

export function sameKey(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((part, i) => part === b[i]);
}

/** Each kept schema's docFreeText: a watch session's model keeps most schemas' IR, frozen (model-cache.ts). */
const schemaKeys = new WeakMap<IrSchema, string>();

function schemaKey(schema: IrSchema): string {
  if (typeof schema !== 'object' || schema === null || !Object.isFrozen(schema)) return docFreeText(schema);
  let key = schemaKeys.get(schema);
  if (key === undefined) {
    key = docFreeText(schema);
    schemaKeys.set(schema, key);
  }
  return key;
}

function docFreeText(value: unknown): string {
  return JSON.stringify(value, (field, value: unknown) => {
    if (DOC_FIELDS.has(field)) return undefined;
    // a const or enum value may be an object with a `description` key of its own
    if (VALUE_FIELDS.has(field)) return JSON.stringify(value) ?? null;
    return value;
  });
}
