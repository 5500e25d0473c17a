// Rule: operationIds are unique (OAS 3.1 §4.8.10.1 requires it; sdkgen names builders after them).
import { defaultHint } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/load-spec.js';
import { walkOperations } from '../walk-operations.js';

export function checkOperationIds(spec: LoadedSpec): Diagnostic[] {
  const firstSeen = new Map<string, string>();
  const problems: Diagnostic[] = [];
  for (const { operation, pointer } of walkOperations(spec.root)) {
    const id = operation['operationId'];
    if (typeof id !== 'string') continue;
    const first = firstSeen.get(id);
    if (first === undefined) {
      firstSeen.set(id, pointer);
      continue;
    }
    problems.push({
      code: 'validate/duplicate-operation-id',
      severity: 'error',
      message: `The operationId \`${id}\` is used by two operations.`,
      hint: defaultHint('validate/duplicate-operation-id'),
      at: spec.locate(`${pointer}/operationId`),
      related: [{ message: 'first used here', at: spec.locate(`${first}/operationId`) }],
    });
  }
  return problems;
}
