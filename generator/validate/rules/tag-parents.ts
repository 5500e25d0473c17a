// Rule (OAS 3.2 Tag Object): a tag's `parent` names another tag of the root `tags` list, and
// parents never form a cycle. "The parent tag MUST be present in the document"; "circular
// references between parent and child tags MUST NOT be used."
import { defaultHint } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import type { LoadedSpec } from '../../load/load-spec.js';
import { childPointer } from '../../load/pointer.js';
import { isRecord } from '../../load/json-node.js';

export function checkTagParents(spec: LoadedSpec): Diagnostic[] {
  const root = spec.root;
  const tags = isRecord(root) && Array.isArray(root['tags']) ? root['tags'] : [];
  const parents = new Map<string, { parent: string; index: number }>();
  const names = new Set<string>();
  tags.forEach((tag, index) => {
    if (!isRecord(tag) || typeof tag['name'] !== 'string') return;
    names.add(tag['name']);
    if (typeof tag['parent'] === 'string') parents.set(tag['name'], { parent: tag['parent'], index });
  });
  const problems: Diagnostic[] = [];
  const reported = new Set<string>();
  for (const [name, { parent, index }] of parents) {
    const at = spec.locate(childPointer('/tags', index, 'parent'));
    if (!names.has(parent)) {
      problems.push({
        code: 'validate/unknown-parent-tag',
        severity: 'error',
        message: `The tag \`${name}\` names the parent \`${parent}\`, which the root \`tags\` list does not declare.`,
        hint: defaultHint('validate/unknown-parent-tag'),
        at,
      });
      continue;
    }
    // follow the chain; a name met twice is a cycle, reported once at its first member in document order
    const chain = [name];
    let current: string | undefined = parent;
    while (current !== undefined && !chain.includes(current)) {
      chain.push(current);
      current = parents.get(current)?.parent;
    }
    if (current === undefined) continue;
    const cycle = chain.slice(chain.indexOf(current));
    if (cycle[0] !== name || cycle.some((member) => reported.has(member))) continue;
    cycle.forEach((member) => reported.add(member));
    problems.push({
      code: 'validate/tag-parent-cycle',
      severity: 'error',
      message: `The tags ${[...cycle, name].map((member) => `\`${member}\``).join(' -> ')} are each other's parents: a \`parent\` chain must end.`,
      hint: defaultHint('validate/tag-parent-cycle'),
      at,
    });
  }
  return problems;
}
