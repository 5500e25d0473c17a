// Documentation of any node (operation, parameter, schema): text changes are `doc-changed`
// (JSDoc only), a new deprecation is `deprecated`. Defaults count as docs: the client does not
// fill them in, it only documents what the server does.
import type { DiffContext } from './diff-context.js';

export interface DocFields {
  readonly summary?: string;
  readonly title?: string;
  readonly description?: string;
  readonly deprecated?: boolean;
  readonly default?: unknown;
}

export interface DocPlace {
  /** The subject as the client names it. */
  readonly subject: string;
  /** How messages name it, when not just `subject` in backticks: "the response of `client.pets.create`". */
  readonly label?: string;
  /** The node's JSON pointer in each spec; keyword pointers are built from them. */
  readonly oldPointer: string;
  readonly newPointer: string;
}

const TEXT_FIELDS = ['summary', 'title', 'description'] as const;

export function diffDocs(before: DocFields, after: DocFields, place: DocPlace, ctx: DiffContext): void {
  const at = (keyword: string) => ({ old: `${place.oldPointer}/${keyword}`, new: `${place.newPointer}/${keyword}` });
  const subject = place.subject;
  const label = place.label ?? `\`${subject}\``;
  for (const field of TEXT_FIELDS) {
    const [was, is] = [before[field], after[field]];
    if (was === is) continue;
    const message =
      was === undefined
        ? `Added a ${field} to ${label}.`
        : is === undefined
          ? `Removed the ${field} of ${label}.`
          : `Changed the ${field} of ${label}.`;
    ctx.report({ kind: 'doc-changed', subject, message, at: at(field) });
  }
  if (Boolean(before.deprecated) !== Boolean(after.deprecated)) {
    if (after.deprecated) ctx.report({ kind: 'deprecated', subject, message: `Deprecated ${label}.`, at: at('deprecated') });
    else ctx.report({ kind: 'doc-changed', subject, message: `${capitalise(label)} is no longer deprecated.`, at: at('deprecated') });
  }
  const [oldDefault, newDefault] = [JSON.stringify(before.default), JSON.stringify(after.default)];
  if (oldDefault !== newDefault) {
    const show = (text: string | undefined) => (text === undefined ? 'none' : `\`${text}\``);
    ctx.report({
      kind: 'doc-changed',
      subject,
      message: `Changed the default of ${label} from ${show(oldDefault)} to ${show(newDefault)}.`,
      at: at('default'),
    });
  }
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
