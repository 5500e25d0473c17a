// The parameters of one operation, matched by location and name: removed, added, renamed, made
// (non-)required, and each kept parameter's docs and schema (on the request side).
import type { IrOperation, IrParameter } from '../model/ir.js';
import type { DiffContext } from './diff-context.js';
import { diffDocs } from './diff-docs.js';
import { clientPathOf, endpointShapeOf, parameterPathOf, pathPositionOf } from './operation-names.js';
import { isSimilarName, pairRenames } from './rename-heuristic.js';
import { splitNull } from './schema-shape.js';

export function diffParameters(before: IrOperation, after: IrOperation, ctx: DiffContext): void {
  const keyOf = (parameter: IrParameter) => `${parameter.in} ${parameter.name}`;
  const oldKeys = new Set(before.parameters.map(keyOf));
  const newKeys = new Set(after.parameters.map(keyOf));
  const method = clientPathOf(after);
  const renames = pairRenames(
    before.parameters.filter((parameter) => !newKeys.has(keyOf(parameter))),
    after.parameters.filter((parameter) => !oldKeys.has(keyOf(parameter))),
    (x, y) => isRenamedParameter(x, y, before, after),
  );
  for (const parameter of renames.removed) {
    const message = `Removed the ${parameter.in} parameter \`${parameter.name}\` from \`${method}\`.`;
    ctx.report({ kind: 'parameter-removed', subject: parameterPathOf(before, parameter), message, at: { old: parameter.source } });
  }
  for (const parameter of renames.added) {
    const kind = parameter.required ? 'parameter-added-required' : 'parameter-added-optional';
    const message = `Added the ${parameter.required ? 'required' : 'optional'} ${parameter.in} parameter \`${parameter.name}\` to \`${method}\`.`;
    ctx.report({ kind, subject: parameterPathOf(after, parameter), message, at: { new: parameter.source } });
  }
  for (const [x, y] of renames.pairs) {
    const message = `Renamed the ${x.in} parameter \`${x.name}\` of \`${method}\` to \`${y.name}\`.`;
    ctx.report({ kind: 'parameter-renamed', subject: parameterPathOf(before, x), message, at: { old: x.source, new: y.source } });
    diffParameter(x, y, after, ctx);
  }
  const newByKey = new Map(after.parameters.map((parameter) => [keyOf(parameter), parameter]));
  for (const x of before.parameters) {
    const y = newByKey.get(keyOf(x));
    if (y) diffParameter(x, y, after, ctx);
  }
}

/** Path parameters at the same position of the same endpoint; others by similar name and kind. */
function isRenamedParameter(x: IrParameter, y: IrParameter, before: IrOperation, after: IrOperation): boolean {
  if (x.in !== y.in) return false;
  if (x.in === 'path') return endpointShapeOf(before) === endpointShapeOf(after) && pathPositionOf(before, x) === pathPositionOf(after, y);
  return isSimilarName(x.name, y.name) && splitNull(x.schema).core.kind === splitNull(y.schema).core.kind;
}

function diffParameter(x: IrParameter, y: IrParameter, after: IrOperation, ctx: DiffContext): void {
  const subject = parameterPathOf(after, y);
  if (x.required !== y.required) {
    const kind = y.required ? 'parameter-made-required' : 'parameter-made-optional';
    const message = `The ${y.in} parameter \`${y.name}\` of \`${clientPathOf(after)}\` is now ${y.required ? 'required' : 'optional'}.`;
    ctx.report({ kind, subject, message, at: { old: `${x.source}/required`, new: `${y.source}/required` } });
  }
  diffDocs(x, y, { subject, oldPointer: x.source, newPointer: y.source }, ctx);
  ctx.diffSchema(x.schema, y.schema, { side: 'request', path: subject });
}
