// What a watch session keeps of the emitters' work from one run to the next, so that an edit
// costs what it changes. The validators are a function of the IR without its docs (no
// description, summary, example or deprecation reaches a check or a message): an edit of docs
// only, the commonest in a long session, reuses them whole. A declaration of types.ts is printed
// again only when it changed. On the whole OpenAI spec these are most of a run's emit stage.
import type { IrApi } from '../model/ir.js';
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
  #validators: { readonly key: string; readonly files: EmittedFile[] } | undefined;
  #declarations = new Map<string, PrintedDeclaration>();
  /** How many runs reused the validators, and how many declarations were printed (for tests). */
  readonly stats = { validatorsReused: 0, declarationsPrinted: 0 };

  /** The validators made last run when the IR differs from that run's in docs at most, else `emit`'s. */
  validators(api: IrApi, emit: () => EmittedFile[]): EmittedFile[] {
    const key = docFreeKey(api);
    if (this.#validators?.key === key) {
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

/** The IR as text without its docs: equal for two IRs that differ only in docs. */
export function docFreeKey(api: IrApi): string {
  return JSON.stringify(api, (field, value: unknown) => {
    if (DOC_FIELDS.has(field)) return undefined;
    // a const or enum value may be an object with a `description` key of its own
    if (VALUE_FIELDS.has(field)) return JSON.stringify(value) ?? null;
    return value;
  });
}
