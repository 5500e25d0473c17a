// `type: string` (or, with `format: binary`, a Blob) with minLength/maxLength (in code points, as JSON Schema counts them: the
// UTF-16 length decides alone when it can) and pattern (hoisted, `u` flag). `format` is an
// annotation in JSON Schema 2020-12 and is not checked.
import type { IrStringSchema } from '../../model/ir.js';
import { code, literal, type Code } from '../escape.js';
import { and, atom, compare, or } from './expr.js';
import { plural } from './describe.js';
import { rulesToCheck, type Rule } from './rules.js';
import type { Scope } from './scope.js';
import type { Target } from './target.js';

export function stringRules(schema: IrStringSchema, value: Code, scope: Scope): Rule[] {
  // `format: binary` is file content (multipart uploads): a web Blob or File, or a string
  if (schema.format === 'binary') {
    const isBlob = and([compare(code`typeof Blob === 'function'`), compare(code`${value} instanceof Blob`)]);
    return [{ holds: or([compare(code`typeof ${value} === 'string'`), isBlob]), what: 'a file (Blob or File) or a string', message: '' }];
  }
  const rules: Rule[] = [{ holds: compare(code`typeof ${value} === 'string'`), what: 'a string', message: '' }];
  const codePoints = () => scope.module.helper('codePoints');
  const { minLength, maxLength, pattern } = schema;
  if (minLength === 1) {
    rules.push({ holds: compare(code`${value} !== ''`), message: 'expected at least 1 character, found ', tail: code`'0'` });
  } else if (minLength !== undefined && minLength > 1) {
    rules.push({
      holds: or([compare(code`${value}.length >= ${2 * minLength}`), compare(code`${codePoints()}(${value}) >= ${minLength}`)]),
      message: `expected at least ${plural(minLength, 'character')}, found `,
      measured: { suspect: compare(code`${value}.length < ${2 * minLength}`), measure: code`${codePoints()}(${value})`, fails: compare(code`count < ${minLength}`) },
    });
  }
  if (maxLength !== undefined) {
    rules.push({
      holds: or([compare(code`${value}.length <= ${maxLength}`), compare(code`${codePoints()}(${value}) <= ${maxLength}`)]),
      message: `expected at most ${plural(maxLength, 'character')}, found `,
      measured: { suspect: compare(code`${value}.length > ${maxLength}`), measure: code`${codePoints()}(${value})`, fails: compare(code`count > ${maxLength}`) },
    });
  }
  if (pattern !== undefined) {
    const regex = scope.module.constant('PATTERN', code`new RegExp(${literal(pattern)}, 'u')`);
    rules.push({ holds: atom(code`${regex}.test(${value})`), message: `expected a string matching /${pattern}/, found `, tail: code`${scope.module.helper('foundLiteral')}(${value})` });
  }
  return rules;
}

export function stringToCheck(schema: IrStringSchema, target: Target, scope: Scope): Code {
  return rulesToCheck(stringRules(schema, target.value, scope), target);
}
