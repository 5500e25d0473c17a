// `type: array`: minItems, maxItems, uniqueItems (JSON equality), then every item: with
// `prefixItems` (a tuple), each leading item against its own schema and the rest against `items`.
import type { IrArraySchema } from '../../model/ir.js';
import { code, literal, type Code } from '../escape.js';
import { plural } from './describe.js';
import type { Scope } from './scope.js';
import { block, childTarget, EMPTY, levelsAt, mismatch, pathArray, report, reportExpression, type Target } from './target.js';

export function arrayToCheck(schema: IrArraySchema, target: Target, scope: Scope): Code {
  const array = target.value;
  const statements: Code[] = [];
  if (schema.minItems !== undefined && schema.minItems > 0) {
    statements.push(
      code`if (${array}.length < ${schema.minItems}) {\n${report(target, `expected at least ${plural(schema.minItems, 'item')}, found `, code`String(${array}.length)`)}\n}`,
    );
  }
  if (schema.maxItems !== undefined) {
    statements.push(
      code`if (${array}.length > ${schema.maxItems}) {\n${report(target, `expected at most ${plural(schema.maxItems, 'item')}, found `, code`String(${array}.length)`)}\n}`,
    );
  }
  if (schema.uniqueItems === true) {
    const pair = scope.local('r');
    const message = code`'expected unique items; items ' + ${pair}[0] + ' and ' + ${pair}[1] + ' are equal'`;
    statements.push(
      code`const ${pair} = ${scope.module.helper('duplicateItems')}(${array});\nif (${pair} !== undefined) {\n${reportExpression(target, message)}\n}`,
    );
  }
  statements.push(itemsToCheck(schema, target, scope));
  const otherwise = mismatch(target, 'an array');
  return code`if (Array.isArray(${array})) {\n${block(statements)}\n} else {\n${otherwise}\n}`;
}

function itemsToCheck(schema: IrArraySchema, target: Target, scope: Scope): Code {
  const prefix = schema.prefixItems ?? [];
  const label = target.name === undefined ? 'an item' : `an item of \`${target.name}\``;
  const leading = prefix.map((itemSchema, position) => {
    const item = scope.local('v');
    const inner = scope.check(itemSchema, childTarget(target, item, literal(position), label));
    if (inner.text === '') return EMPTY;
    return code`if (${target.value}.length > ${position}) {\nconst ${item}: unknown = ${target.value}[${position}];\n${inner}\n}`;
  });
  const start = prefix.length;
  if (schema.items.kind === 'never' && start > 0) {
    // `items: false` after a tuple: no item beyond it (one issue, not one per extra item)
    const extra = report(target, `expected at most ${plural(start, 'item')} (the tuple's), found `, code`String(${target.value}.length)`);
    const fewer = schema.maxItems !== undefined && schema.maxItems <= start;
    return block([...leading, fewer ? EMPTY : code`if (${target.value}.length > ${start}) {\n${extra}\n}`]);
  }
  const index = scope.local('i');
  const item = scope.local('v');
  const itemTarget = childTarget(target, item, index, label);
  const inner = relativeItems(schema, target, scope) ? itemRelative(schema, itemTarget, scope) : scope.check(schema.items, itemTarget);
  if (inner.text === '') return block(leading);
  return block([
    ...leading,
    code`for (let ${index} = ${start}; ${index} < ${target.value}.length; ${index}++) {\nconst ${item}: unknown = ${target.value}[${index}];\n${inner}\n}`,
  ]);
}

/**
 * Whether the items are checked with issue paths relative to the item: an object checked inline
 * (not a called check), which then words each of its properties with the runtime's calls,
 * whose paths must be fixed (`reqString(issues, v1, 'id')`), instead of a path array with the
 * index each.
 */
function relativeItems(schema: IrArraySchema, target: Target, scope: Scope): boolean {
  if (target.prefix !== '') return false;
  const items = schema.items;
  if (items.kind === 'ref' && !scope.module.inlinesRef(items.target, scope.owner)) return false;
  const resolved = scope.module.resolve(items);
  return resolved.kind === 'object' && resolved.properties.length > 0;
}

/**
 * The item's check with paths from the item, its issues gathered apart and then put under the
 * item's path (`nestIssues`): `issues` is set aside for the item and restored after it, so a
 * valid item costs two assignments and a comparison. The saved list is typed: in a loop inside
 * another item's loop, TypeScript cannot infer it from `issues`, whose type then depends on it
 * (TS7022).
 */
function itemRelative(schema: IrArraySchema, target: Target, scope: Scope): Code {
  const saved = scope.local('o');
  const inner = scope.check(schema.items, { ...target, path: [], levels: levelsAt(target) });
  if (inner.text === '') return EMPTY;
  const nestIssues = scope.module.helper('nestIssues');
  return code`const ${saved}: rt.Issues = issues;\nissues = undefined;\n${inner}\nissues = issues === undefined ? ${saved} : ${nestIssues}(${saved}, ${pathArray(target.path)}, issues, '');`;
}
