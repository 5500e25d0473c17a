// Rule: every `{name}` in a path has a required `in: path` parameter, every path parameter
// appears in the path (OAS 3.1 §4.8.12.1), and no list declares a name+location twice
// (§4.8.10.1). Parameters may sit on the path item or the operation, directly or by $ref.
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { defaultHint } from '../../diagnostics/codes.js';
import type { LoadedSpec } from '../../load/load-spec.js';
import { splitPathKey } from '../../load/path-key.js';
import { childPointer, decodePointer } from '../../load/pointer.js';
import { isRecord } from '../../load/json-node.js';
import { walkOperations } from '../walk-operations.js';

export function checkPathParameters(spec: LoadedSpec): Diagnostic[] {
  const problems: Diagnostic[] = [];
  for (const { path, operation, pathItem, pointer } of walkOperations(spec.root)) {
    const inPath = [...path.matchAll(/\{([^{}]*)\}/g)].map((match) => match[1] ?? '');
    const keyTemplates = splitPathKey(path).templates;
    const declared = new Map<string, string>();
    const pathItemPointer = childPointer('/paths', path);
    const lists: [unknown, string][] = [
      [pathItem['parameters'], `${pathItemPointer}/parameters`],
      [operation['parameters'], `${pointer}/parameters`],
    ];
    for (const [list, listPointer] of lists) {
      if (!Array.isArray(list)) continue;
      const seen = new Map<string, string>();
      list.forEach((entry, index) => {
        const parameter = resolveLocal(spec.root, entry);
        if (!isRecord(parameter) || typeof parameter['name'] !== 'string') return;
        const key = `${String(parameter['in'])} ${parameter['name']}`;
        const first = seen.get(key);
        if (first !== undefined) {
          problems.push({
            code: 'validate/duplicate-parameter',
            severity: 'error',
            message: `The ${String(parameter['in'])} parameter \`${parameter['name']}\` is declared twice.`,
            hint: defaultHint('validate/duplicate-parameter'),
            at: spec.locate(`${listPointer}/${index}`),
            related: [{ message: 'first declared here', at: spec.locate(first) }],
          });
        }
        seen.set(key, `${listPointer}/${index}`);
        if (parameter['in'] === 'path') declared.set(parameter['name'], `${listPointer}/${index}`);
      });
    }
    // a template no parameter declares is taken as a required string (published specs leave
    // them out, and the call can still be made), unless a path parameter the path does not have
    // is declared too: then the two are most likely one name misspelt, which guessing would hide
    const hasStray = [...declared.keys()].some((name) => !inPath.includes(name));
    for (const name of inPath) {
      if (!declared.has(name)) {
        const isInferred = !hasStray && name !== '';
        // a template in the query of the key (`?term={term}`) is sent as that query parameter
        const queryName = keyTemplates.find((pair) => pair.template === name)?.name;
        problems.push({
          code: 'validate/path-parameter-mismatch',
          severity: isInferred ? 'warning' : 'error',
          message:
            `The path has \`{${name}}\` but the operation declares no \`in: path\` parameter named \`${name}\`` +
            (!isInferred
              ? '.'
              : queryName === undefined
                ? '; the client takes it as a required string.'
                : `; the client sends it as the query parameter \`${queryName}\`, a required string.`),
          hint: defaultHint('validate/path-parameter-mismatch'),
          at: spec.locate(pointer),
        });
      }
    }
    for (const [name, parameterPointer] of declared) {
      if (!inPath.includes(name)) {
        problems.push({
          code: 'validate/path-parameter-mismatch',
          severity: 'error',
          message: `The path parameter \`${name}\` does not appear in the path \`${path}\`.`,
          hint: `Add \`{${name}}\` to the path, or change the parameter's \`in\`.`,
          at: spec.locate(parameterPointer),
        });
      }
    }
  }
  return problems;
}

/** Follows one local `$ref` (enough for parameters); anything else is returned as it is. */
function resolveLocal(root: unknown, value: unknown): unknown {
  if (!isRecord(value) || typeof value['$ref'] !== 'string' || !value['$ref'].startsWith('#')) return value;
  let node: unknown = root;
  for (const segment of decodePointer(value['$ref'])) node = isRecord(node) ? node[segment] : undefined;
  return node;
}
