// Visits every operation of the raw document, in document order. Used by validate/rules.
import { isRecord } from '../load/json-node.js';
import { childPointer } from '../load/pointer.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface RawOperation {
  readonly path: string;
  readonly method: HttpMethod;
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
      if (isRecord(operation)) found.push({ path, method, operation, pathItem, pointer: childPointer('/paths', path, method) });
    }
  }
  return found;
}

