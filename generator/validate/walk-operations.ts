// Visits every operation of the raw document, in document order. Used by validate/rules and
// the model. OpenAPI 3.2 adds `query` to the fixed methods and `additionalOperations`, a map
// from any other method name (as sent, case-sensitive: `COPY`, `PURGE`) to an operation.
import { isRecord } from '../load/json-node.js';
import { childPointer } from '../load/pointer.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface RawOperation {
  readonly path: string;
  /**
   * The method in lower case, for naming and ordering: a fixed field's name (`get`, `query`) or
   * an `additionalOperations` key lowercased (`copy`).
   */
  readonly method: string;
  /** The method as the request sends it: the fixed field upper-cased (`QUERY`), an `additionalOperations` key as written. */
  readonly wireMethod: string;
  readonly operation: Record<string, unknown>;
  readonly pathItem: Record<string, unknown>;
  readonly pointer: string;
}

export function walkOperations(root: unknown): RawOperation[] {
  const paths = isRecord(root) && isRecord(root['paths']) ? root['paths'] : {};
  const found: RawOperation[] = [];
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isRecord(pathItem)) continue;
    for (const method of HTTP_METHODS) {
      const operation = pathItem[method];
      if (isRecord(operation))
        found.push({ path, method, wireMethod: method.toUpperCase(), operation, pathItem, pointer: childPointer('/paths', path, method) });
    }
    const additional = pathItem['additionalOperations'];
    if (!isRecord(additional)) continue;
    for (const [name, operation] of Object.entries(additional)) {
      if (isRecord(operation))
        found.push({
          path,
          method: name.toLowerCase(),
          wireMethod: name,
          operation,
          pathItem,
          pointer: childPointer('/paths', path, 'additionalOperations', name),
        });
    }
  }
  return found;
}
