// Rule: every name in a Security Requirement Object (the document's `security` and each
// operation's) is a scheme declared in `components/securitySchemes`. OAS 3.1 §4.8.30.1: "Each
// name MUST correspond to a security scheme which is declared in the Security Schemes under the
// Components Object." An undeclared name leaves the client no way to authenticate the call.
import { defaultHint } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { closestMatch } from '../../diagnostics/suggest.js';
import type { LoadedSpec } from '../../load/load-spec.js';
import { childPointer } from '../../load/pointer.js';
import { isRecord } from '../../load/json-node.js';
import { walkOperations } from '../walk-operations.js';

export function checkSecuritySchemes(spec: LoadedSpec): Diagnostic[] {
  const root = isRecord(spec.root) ? spec.root : {};
  const components = isRecord(root['components']) ? root['components'] : {};
  const declared = Object.keys(isRecord(components['securitySchemes']) ? components['securitySchemes'] : {});
  const lists: [unknown, string][] = [
    [root['security'], '/security'],
    ...walkOperations(root).map(({ operation, pointer }): [unknown, string] => [operation['security'], `${pointer}/security`]),
  ];
  const problems: Diagnostic[] = [];
  for (const [list, listPointer] of lists) {
    if (!Array.isArray(list)) continue;
    list.forEach((requirement, index) => {
      if (!isRecord(requirement)) return;
      for (const name of Object.keys(requirement)) {
        if (declared.includes(name)) continue;
        const suggestion = closestMatch(name, declared);
        problems.push({
          code: 'validate/undefined-security-scheme',
          severity: 'error',
          message: `The security requirement names \`${name}\`, which \`components/securitySchemes\` does not declare (OAS 3.1 §4.8.30.1: each name MUST be a declared scheme).`,
          hint:
            suggestion !== undefined
              ? `Did you mean \`${suggestion}\`?`
              : declared.length > 0
                ? `Declare \`${name}\` under \`components/securitySchemes\`, or use one of ${declared.map((d) => `\`${d}\``).join(', ')}.`
                : defaultHint('validate/undefined-security-scheme'),
          at: spec.locate(childPointer(`${listPointer}/${index}`, name)),
        });
      }
    });
  }
  return problems;
}
