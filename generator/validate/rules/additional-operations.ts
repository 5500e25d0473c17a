// Rule (OAS 3.2, Path Item Object): `additionalOperations` holds only methods the path item has no fixed
// field for. "This map MUST NOT contain any entry for the methods that can be defined by other
// fixed fields with Operation Object values (e.g. no POST entry, as the post field is used for
// this method)." Two entries for one method would be two operations on one URL.
import { defaultHint } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/load-spec.js';
import { childPointer } from '../../load/pointer.js';
import { isRecord } from '../../load/json-node.js';
import { HTTP_METHODS } from '../walk-operations.js';

export function checkAdditionalOperations(spec: LoadedSpec): Diagnostic[] {
  const root = spec.root;
  const paths = isRecord(root) && isRecord(root['paths']) ? root['paths'] : {};
  const fixed = new Set<string>(HTTP_METHODS.map((method) => method.toUpperCase()));
  const problems: Diagnostic[] = [];
  for (const [path, pathItem] of Object.entries(paths)) {
    if (!isRecord(pathItem) || !isRecord(pathItem['additionalOperations'])) continue;
    for (const name of Object.keys(pathItem['additionalOperations'])) {
      if (!fixed.has(name)) continue;
      problems.push({
        code: 'validate/additional-operation-fixed-method',
        severity: 'error',
        message: `\`additionalOperations\` of \`${path}\` holds \`${name}\`, which the path item's \`${name.toLowerCase()}\` field is for (OAS 3.2: the map MUST NOT hold the fixed methods).`,
        hint: defaultHint('validate/additional-operation-fixed-method'),
        at: spec.locate(childPointer('/paths', path, 'additionalOperations', name)),
      });
    }
  }
  return problems;
}
