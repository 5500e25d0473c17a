// Operations, matched by operationId. An operationId that disappears while another one appears
// on the same endpoint is a rename. For each matched pair: where the method lives, the endpoint,
// docs, constant headers, parameters, the request body and the response.
import type { IrOperation, IrResponse, IrSchema } from '../model/ir.js';
import type { ApiSide, DiffContext } from './diff-context.js';
import { diffDocs } from './diff-docs.js';
import { diffParameters } from './diff-parameters.js';
import { clientPathOf, endpointOf, endpointShapeOf } from './operation-names.js';
import { pairRenames } from './rename-heuristic.js';
import { typePhrase, withoutDocs } from './schema-shape.js';

export function diffOperations(ctx: DiffContext): void {
  const oldOps = ctx.old.api.operations;
  const newOps = ctx.new.api.operations;
  const oldIds = new Set(oldOps.map((op) => op.operationId));
  const newById = new Map(newOps.map((op) => [op.operationId, op]));
  const renames = pairRenames(
    oldOps.filter((op) => !newById.has(op.operationId)),
    newOps.filter((op) => !oldIds.has(op.operationId)),
    (before, after) => endpointShapeOf(before) === endpointShapeOf(after),
  );
  for (const op of renames.removed) {
    const message = `Removed \`${clientPathOf(op)}\` (\`${endpointOf(op)}\`, operation \`${op.operationId}\`).`;
    ctx.report({ kind: 'operation-removed', subject: clientPathOf(op), message, at: { old: op.source } });
  }
  for (const op of renames.added) {
    const message = `Added \`${clientPathOf(op)}\` (\`${endpointOf(op)}\`, operation \`${op.operationId}\`).`;
    ctx.report({ kind: 'operation-added', subject: clientPathOf(op), message, at: { new: op.source } });
  }
  const matched: (readonly [IrOperation, IrOperation, boolean])[] = [
    ...renames.pairs.map(([before, after]) => [before, after, true] as const),
    ...oldOps.flatMap((before) => {
      const after = newById.get(before.operationId);
      return after ? [[before, after, false] as const] : [];
    }),
  ];
  for (const [before, after, isRenamed] of matched) {
    if (isRenamed)
      ctx.report({
        kind: 'operation-renamed',
        subject: clientPathOf(before),
        message: renameMessage(before, after),
        at: { old: before.source, new: after.source },
      });
    diffOperation(before, after, ctx, isRenamed);
  }
  reportFixedHeaders(
    matched.flatMap(([before, after]) => fixedHeaderChanges(before, after)),
    matched.length,
    ctx,
  );
}

function renameMessage(before: IrOperation, after: IrOperation): string {
  const [oldMethod, newMethod] = [clientPathOf(before), clientPathOf(after)];
  const builder = `the request builder \`${before.names.builder.text}\` is now \`${after.names.builder.text}\``;
  const types = `its types follow (\`${before.names.input.text}\` is now \`${after.names.input.text}\`)`;
  const method = oldMethod === newMethod ? '' : `, \`${oldMethod}\` is now \`${newMethod}\``;
  return `Renamed the operation \`${before.operationId}\` to \`${after.operationId}\`: ${builder}${method}, and ${types}.`;
}

function diffOperation(before: IrOperation, after: IrOperation, ctx: DiffContext, isRenamed: boolean): void {
  const method = clientPathOf(after);
  const at = { old: before.source, new: after.source };
  if (!isRenamed && clientPathOf(before) !== method) {
    ctx.report({
      kind: 'client-method-moved',
      subject: clientPathOf(before),
      message: `Moved \`${clientPathOf(before)}\` to \`${method}\` (operation \`${after.operationId}\`).`,
      at,
    });
  }
  if (endpointShapeOf(before) !== endpointShapeOf(after)) {
    ctx.report({
      kind: 'operation-endpoint-changed',
      subject: method,
      message: `\`${method}\` now calls \`${endpointOf(after)}\` (was \`${endpointOf(before)}\`).`,
      at,
    });
  }
  diffDocs(before, after, { subject: method, oldPointer: before.source, newPointer: after.source }, ctx);
  diffArguments(before, after, method, ctx);
  diffParameters(before, after, ctx);
  diffBody(before, after, ctx);
  diffResponse(before, after, ctx);
}

/**
 * The method's arguments by position, as the client writes them: the path parameters, then the
 * one group the caller passes besides them (`body`, `query`, ...), or `params` holding two or
 * more, then `options`. Calls pass them by position, so a new argument before `options` moves
 * it, and path arguments in another order swap their values, silently when they are strings.
 * A path parameter renamed, and an argument removed, are reported as what changed, not here.
 */
function diffArguments(before: IrOperation, after: IrOperation, method: string, ctx: DiffContext): void {
  const [was, is] = [argumentsOf(before), argumentsOf(after)];
  const pathNames = (op: IrOperation) => op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
  const [oldPath, newPath] = [pathNames(before), pathNames(after)];
  const reordered =
    oldPath.length === newPath.length && oldPath.join() !== newPath.join() && [...oldPath].sort().join() === [...newPath].sort().join();
  // the arguments after the path ones, without their `?` (one made optional or required is reported as that)
  const rest = (args: readonly string[], paths: number) => args.slice(paths).map((arg) => arg.replace(/\?$/, ''));
  const [oldRest, newRest] = [rest(was, oldPath.length), rest(is, newPath.length)];
  // one gone is reported with what was removed (parameter-removed, a body removed)
  const inserted = newRest.some((arg) => !oldRest.includes(arg));
  if (!reordered && !inserted) return;
  ctx.report({
    kind: 'method-arguments-changed',
    subject: method,
    message: `\`${method}\` now takes (${is.join(', ')}) (was (${was.join(', ')})).`,
    at: { old: before.source, new: after.source },
  });
}

function argumentsOf(op: IrOperation): string[] {
  const path = op.parameters.filter((p) => p.in === 'path').map((p) => p.argument.text);
  const groups = [
    ...(op.body !== undefined ? [op.body.required ? 'body' : 'body?'] : []),
    ...(op.names.queryParams !== undefined ? ['query?'] : []),
    ...(op.names.headerParams !== undefined ? ['headers?'] : []),
    ...(op.names.cookieParams !== undefined ? ['cookies?'] : []),
  ];
  return [...path, ...(op.names.params !== undefined ? ['params'] : groups), 'options?'];
}

interface HeaderChange {
  readonly name: string;
  readonly was?: string;
  readonly is?: string;
  readonly method: string;
  readonly at: { readonly old: string; readonly new: string };
}

/** Constant headers whose value changed, was added or was dropped on one operation. */
function fixedHeaderChanges(before: IrOperation, after: IrOperation): HeaderChange[] {
  const oldByName = new Map(before.fixedHeaders.map((header) => [header.name.toLowerCase(), header]));
  const newByName = new Map(after.fixedHeaders.map((header) => [header.name.toLowerCase(), header]));
  const names = [...new Set([...oldByName.keys(), ...newByName.keys()])].sort();
  return names.flatMap((key) => {
    const [was, is] = [oldByName.get(key), newByName.get(key)];
    if (was?.value === is?.value) return [];
    const at = { old: `${before.source}/parameters`, new: `${after.source}/parameters` };
    return [
      { name: (is ?? was)!.name, ...(was ? { was: was.value } : {}), ...(is ? { is: is.value } : {}), method: clientPathOf(after), at },
    ];
  });
}

/**
 * One change per header and value: a shared header such as `OpenAI-Beta` changes on every
 * method at once, which is one line in a changelog, not one per method.
 */
function reportFixedHeaders(changes: readonly HeaderChange[], matched: number, ctx: DiffContext): void {
  const groups = new Map<string, HeaderChange[]>();
  for (const change of changes) {
    const key = JSON.stringify([change.name.toLowerCase(), change.was ?? null, change.is ?? null]);
    groups.set(key, [...(groups.get(key) ?? []), change]);
  }
  for (const group of groups.values()) {
    const [first] = group as [HeaderChange];
    const isEvery = group.length === matched && matched > 1;
    const who = isEvery ? 'Every method' : group.map((change) => `\`${change.method}\``).join(', ');
    const verb = isEvery || group.length === 1 ? 'sends' : 'send';
    const message =
      first.is === undefined
        ? `${who} no longer ${verb} the header \`${first.name}\`.`
        : `${who} now ${verb} the header \`${first.name}: ${first.is}\` (${first.was === undefined ? 'not sent before' : `was \`${first.was}\``}).`;
    ctx.report({ kind: 'fixed-header-changed', subject: first.name, message, at: first.at });
  }
}

function diffBody(before: IrOperation, after: IrOperation, ctx: DiffContext): void {
  const method = clientPathOf(after);
  const [x, y] = [before.body, after.body];
  if (!x && !y) return;
  if (x && !y) {
    const message = `\`${method}\` no longer takes a request body (was ${typePhrase(x.schema, ctx.old)}).`;
    return ctx.report({ kind: 'request-field-removed', side: 'request', subject: method, message, at: { old: x.source } });
  }
  if (!x && y) {
    const what = typePhrase(y.schema, ctx.new);
    const kind = y.required ? 'request-field-added-required' : 'request-field-added-optional';
    const message = y.required
      ? `\`${method}\` now requires a request body (${what}).`
      : `\`${method}\` now takes an optional request body (${what}).`;
    return ctx.report({ kind, side: 'request', subject: method, message, at: { new: y.source } });
  }
  if (!x || !y) return;
  const [oldBody, newBody] = [requestBodyPointer(x.source), requestBodyPointer(y.source)];
  if (x.required !== y.required) {
    const kind = y.required ? 'request-field-made-required' : 'request-field-made-optional';
    const message = `The request body of \`${method}\` is now ${y.required ? 'required' : 'optional'}.`;
    ctx.report({ kind, side: 'request', subject: method, message, at: { old: `${oldBody}/required`, new: `${newBody}/required` } });
  }
  if (x.mediaType !== y.mediaType) {
    const message = `\`${method}\` now sends its request body as \`${y.mediaType}\` (was \`${x.mediaType}\`).`;
    ctx.report({ kind: 'request-encoding-changed', side: 'request', subject: method, message, at: { old: x.source, new: y.source } });
  }
  diffDocs(x, y, { subject: method, label: `the request body of \`${method}\``, oldPointer: oldBody, newPointer: newBody }, ctx);
  diffInlineTypeName(x.schema, y.schema, `the request body of \`${method}\``, ctx);
  ctx.diffSchema(rootOf(x.schema), rootOf(y.schema), { side: 'request', path: rootPath(y.schema, ctx.new, method) });
}

/** What a method resolves to, by the kind of its response. */
const RETURNS: Readonly<Record<IrResponse['contentType'], string>> = {
  'application/json': 'its JSON body',
  none: 'nothing',
  binary: 'the unread Response of a binary body',
  text: 'the body as a string',
  'event-stream': 'a stream of events',
  items: 'a stream of items',
};

function diffResponse(before: IrOperation, after: IrOperation, ctx: DiffContext): void {
  const method = clientPathOf(after);
  const [x, y] = [before.response, after.response];
  diffDocs(x, y, { subject: method, label: `the response of \`${method}\``, oldPointer: x.source, newPointer: y.source }, ctx);
  if ((before.pagination === undefined) !== (after.pagination === undefined)) {
    // a paginated method resolves to a page to walk (PagePromise), not to its response
    const [was, is] = [before, after].map((op) =>
      op.pagination === undefined ? RETURNS[op.response.contentType] : 'pages to walk item by item',
    );
    const message = `\`${method}\` now returns ${is} (was ${was}).`;
    ctx.report({ kind: 'response-kind-changed', side: 'response', subject: method, message, at: { old: x.source, new: y.source } });
  }
  if (RETURNS[x.contentType] !== RETURNS[y.contentType]) {
    // another kind of result (a JSON body, text, the Response unread, nothing): the return type changes
    const message = `\`${method}\` now returns ${RETURNS[y.contentType]} (was ${RETURNS[x.contentType]}).`;
    ctx.report({ kind: 'response-kind-changed', side: 'response', subject: method, message, at: { old: x.source, new: y.source } });
  } else if (x.schema && !y.schema) {
    const message = `\`${method}\` no longer returns a body (was ${typePhrase(x.schema, ctx.old)}).`;
    ctx.report({ kind: 'response-field-removed', side: 'response', subject: method, message, at: { old: x.source } });
  } else if (!x.schema && y.schema) {
    const message = `\`${method}\` now returns ${typePhrase(y.schema, ctx.new)} (was no body).`;
    ctx.report({ kind: 'response-field-added', side: 'response', subject: method, message, at: { new: y.source } });
  } else if (x.schema && y.schema) {
    diffInlineTypeName(x.schema, y.schema, `the response of \`${method}\``, ctx);
    ctx.diffSchema(rootOf(x.schema), rootOf(y.schema), { side: 'response', path: rootPath(y.schema, ctx.new, method) });
  }
  // a stream's events and a response's items reach callers as what they iterate: responses too
  diffStreamed(x.stream, y.stream, 'events', [x, y], method, ctx);
  diffStreamed(x.items, y.items, 'items', [x, y], method, ctx);
  // error bodies reach callers through the typed error classes, so they are responses too
  if (before.errorSchema && after.errorSchema) {
    diffInlineTypeName(before.errorSchema, after.errorSchema, `the error body of \`${method}\``, ctx);
    ctx.diffSchema(rootOf(before.errorSchema), rootOf(after.errorSchema), {
      side: 'response',
      path: rootPath(after.errorSchema, ctx.new, method),
    });
  }
}

/**
 * What a method streams (an event stream's events, or items): gone or new, or its schema
 * compared as a response's. A method that no longer streams loses its streaming overload or its
 * iterable result, so code using it stops compiling.
 */
function diffStreamed(
  before: { readonly schema?: IrSchema } | undefined,
  after: { readonly schema?: IrSchema } | undefined,
  what: 'events' | 'items',
  [was, is]: readonly [IrResponse, IrResponse],
  method: string,
  ctx: DiffContext,
): void {
  if (before !== undefined && after === undefined) {
    const message = `\`${method}\` no longer streams ${what}.`;
    ctx.report({ kind: 'response-field-removed', side: 'response', subject: method, message, at: { old: was.source } });
  } else if (before === undefined && after !== undefined) {
    const message = `\`${method}\` now also streams ${what}.`;
    ctx.report({ kind: 'response-field-added', side: 'response', subject: method, message, at: { new: is.source } });
  } else if (before?.schema !== undefined && after?.schema !== undefined) {
    diffInlineTypeName(before.schema, after.schema, `the ${what} of \`${method}\``, ctx);
    ctx.diffSchema(rootOf(before.schema), rootOf(after.schema), { side: 'response', path: rootPath(after.schema, ctx.new, method) });
  }
}

/**
 * An inline body or response is exported under a name made from its operation
 * (`CreateNodeBody`); when the body's type has another name now (the operation was renamed, or
 * the body moved to a component), that exported type is gone. Components are covered by
 * diff-named-schemas.
 */
function diffInlineTypeName(before: IrSchema, after: IrSchema, what: string, ctx: DiffContext): void {
  if (before.kind !== 'ref' || after.kind !== 'ref' || !before.target.startsWith('/')) return;
  const [was, is] = [ctx.old.schemas.get(before.target), ctx.new.schemas.get(after.target)];
  if (!was || !is || was.name.text === is.name.text) return;
  const message = `Renamed the type \`${was.name.text}\` of ${what} to \`${is.name.text}\`, with its validators.`;
  ctx.report({ kind: 'schema-renamed', subject: was.name.text, message, at: { old: was.source, new: is.source } });
}

/** build-model copies an inline body's description onto the ref it puts in its place; the named schema's own comparison covers it. */
function rootOf(schema: IrSchema): IrSchema {
  return schema.kind === 'ref' && schema.target.startsWith('/') ? withoutDocs(schema) : schema;
}

/** A body is named by its type (`SessionCreateParams`); build-model names every body, so the fallback is rare. */
function rootPath(schema: IrSchema, side: ApiSide, method: string): string {
  return schema.kind === 'ref' ? (side.schemas.get(schema.target)?.name.text ?? schema.target) : method;
}

/** `/paths/…/post/requestBody/content/application~1json` -> `/paths/…/post/requestBody`. */
function requestBodyPointer(source: string): string {
  return source.replace(/\/content\/[^/]*$/, '');
}
