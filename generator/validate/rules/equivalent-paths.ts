// Rule: no two path keys differ only in the names of their templates (`/pets/{id}` and
// `/pets/{petId}`). OAS 3.1 §4.8.8.2 (Path Templating Matching): "Templated paths with the same
// hierarchy but different templated names MUST NOT exist as they are identical." A request to
// `/pets/7` could belong to either, and their operations would share one URL. A warning, not an
// error: published specs have such pairs for APIs that work (Google's route
// `/v1beta1/{sourceDataset}:deidentify` and `/v1beta1/{sourceStore}:deidentify` by what the value
// looks like), and a client calls each operation with its own template, so nothing it sends is
// ambiguous to it; telling the two apart is the server's part.
import { defaultHint } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/load-spec.js';
import { childPointer } from '../../load/pointer.js';
import { isRecord } from '../../load/json-node.js';
import { HTTP_METHODS } from '../walk-operations.js';

export function checkEquivalentPaths(spec: LoadedSpec): Diagnostic[] {
  const root = spec.root;
  const paths = isRecord(root) && isRecord(root['paths']) ? root['paths'] : {};
  const firstByShape = new Map<string, string>();
  const problems: Diagnostic[] = [];
  for (const key of Object.keys(paths)) {
    if (!key.includes('{')) continue;
    const shape = key.replace(/\{[^{}]*\}/g, '{}');
    const first = firstByShape.get(shape);
    if (first === undefined) {
      firstByShape.set(shape, key);
      continue;
    }
    const shared = HTTP_METHODS.filter((method) => hasOperation(paths[first], method) && hasOperation(paths[key], method));
    problems.push({
      code: 'validate/equivalent-paths',
      severity: 'warning',
      message:
        `The paths \`${first}\` and \`${key}\` differ only in the names of their templates, so they are the same path (OAS 3.1 §4.8.8.2: such paths MUST NOT exist)` +
        (shared.length > 0 ? `; both declare ${shared.map((method) => method.toUpperCase()).join(', ')}` : '') +
        '. Each operation is generated with its own template; a server may not tell the two apart.',
      hint: defaultHint('validate/equivalent-paths'),
      at: spec.locate(childPointer('/paths', key)),
      related: [{ message: 'the same path, declared first here', at: spec.locate(childPointer('/paths', first)) }],
    });
  }
  return problems;
}

function hasOperation(pathItem: unknown, method: string): boolean {
  return isRecord(pathItem) && isRecord(pathItem[method]);
}
