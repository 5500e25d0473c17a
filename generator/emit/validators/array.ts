// `type: array`: minItems, maxItems, uniqueItems (JSON equality), then every item: with
// `prefixItems` (a tuple), each leading item against its own schema and the rest against `items`.
import type { IrArraySchema } from '../../model/ir.js';
import { code, literal, type Code } from '../escape.js';
import { plural } from './describe.js';
import type { Scope } from './scope.js';
import { block, EMPTY, mismatch, report, reportExpression, type Target } from './target.js';

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
    const inner = scope.check(itemSchema, {
      value: item,
      path: [...target.path, literal(position)],
      label: literal(label),
      prefix: target.prefix,
    });
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
  const inner = scope.check(schema.items, { value: item, path: [...target.path, index], label: literal(label), prefix: target.prefix });
  if (inner.text === '') return block(leading);
  return block([
    ...leading,
    code`for (let ${index} = ${start}; ${index} < ${target.value}.length; ${index}++) {\nconst ${item}: unknown = ${target.value}[${index}];\n${inner}\n}`,
  ]);
}
