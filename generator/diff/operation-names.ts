// How the diff names an operation and its parts: the client method path a caller writes, the
// endpoint it calls, and the parameter-group type a parameter lives in.
import type { IrOperation, IrParameter } from '../model/ir.js';
import { memberPath } from './schema-shape.js';

/** `client.chatkit.sessions.create`. */
export function clientPathOf(op: IrOperation): string {
  return ['client', ...op.names.resource.map((part) => part.text), op.names.method.text].join('.');
}

/** `POST /chatkit/sessions/{session_id}/cancel`. */
export function endpointOf(op: IrOperation): string {
  return `${op.wireMethod} ${op.pathTemplate}`;
}

/** The endpoint with path parameter names blanked, so renaming `{id}` keeps the same endpoint. */
export function endpointShapeOf(op: IrOperation): string {
  return `${op.wireMethod} ${op.pathTemplate.replace(/\{[^{}]*\}/g, '{}')}`;
}

/** `CancelChatKitSessionPathParams.session_id`: the parameter as the generated types name it. */
export function parameterPathOf(op: IrOperation, parameter: IrParameter): string {
  const group = {
    path: op.names.pathParams,
    query: op.names.queryParams,
    querystring: op.names.queryParams,
    header: op.names.headerParams,
    cookie: op.names.cookieParams,
  }[parameter.in];
  return memberPath((group ?? op.names.input).text, parameter.name);
}

/** The position of a path parameter among the path's parameters, or -1. */
export function pathPositionOf(op: IrOperation, parameter: IrParameter): number {
  if (parameter.in !== 'path') return -1;
  return op.path.filter((part) => part.kind === 'param').findIndex((part) => part.name === parameter.name);
}
