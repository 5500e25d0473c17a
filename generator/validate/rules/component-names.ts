// Rule: component keys match `^[a-zA-Z0-9._-]+$` (OAS 3.0.3 §4.7.7.1: "All the fixed fields
// declared above are objects that MUST use keys that match the regular expression"). The OAS
// 3.1 schema checks this itself; the 3.0 schema does not, so for 3.0 documents this rule does,
// with the same words.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/load-spec.js';
import { childPointer } from '../../load/pointer.js';
import { isRecord } from '../../load/json-node.js';

const COMPONENT_KEY = /^[a-zA-Z0-9._-]+$/;

export function checkComponentNames(spec: LoadedSpec): Diagnostic[] {
  const root = isRecord(spec.root) ? spec.root : {};
  if (typeof root['openapi'] !== 'string' || !root['openapi'].startsWith('3.0.')) return [];
  const components = isRecord(root['components']) ? root['components'] : {};
  const problems: Diagnostic[] = [];
  for (const [kind, entries] of Object.entries(components)) {
    if (kind.startsWith('x-') || !isRecord(entries)) continue;
    for (const key of Object.keys(entries)) {
      if (COMPONENT_KEY.test(key)) continue;
      problems.push({
        code: 'validate/schema',
        severity: 'error',
        message: `The key \`${key}\` in \`/components/${kind}\` must match pattern "^[a-zA-Z0-9._-]+$".`,
        hint: 'Use only letters, digits, `.`, `_` and `-` in component names (OAS 3.0.3 §4.7.7.1); give the type another name with `x-sdk-name` if needed.',
        at: spec.locate(childPointer('/components', kind, key)),
      });
    }
  }
  return problems;
}
