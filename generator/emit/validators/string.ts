// `type: string` (or, with `format: binary`, file content: templates/runtime/uploads.ts's isUploadable) with minLength/maxLength (in code points, as JSON Schema counts them: the
// UTF-16 length decides alone when it can) and pattern (hoisted, with the flags it compiled with). `format` is an
// annotation in JSON Schema 2020-12 and is not checked.
import type { IrStringSchema } from '../../model/ir.js';
import { code, literal, type Code } from '../escape.js';
import { atom, compare, or } from './expr.js';
import { plural } from './describe.js';
import { rulesToCheck, type Rule } from './rules.js';
import type { Scope } from './scope.js';
import type { Target } from './target.js';

export function stringRules(schema: IrStringSchema, value: Code, scope: Scope): Rule[] {
  // `format: binary` is file content (multipart uploads): exactly what the `Uploadable` type takes, never a string
  if (schema.format === 'binary') {
    return [{ holds: atom(code`isUploadable(${value})`), what: 'a file (a File, Blob, bytes or a stream; not a string)', message: '' }];
  }
  const rules: Rule[] = [{ holds: compare(code`typeof ${value} === 'string'`), what: 'a string', message: '' }];
  const codePoints = () => scope.module.helper('codePoints');
  const { minLength, maxLength, pattern } = schema;
  if (minLength === 1) {
    rules.push({ holds: compare(code`${value} !== ''`), message: 'expected at least 1 character, found 0' });
  } else if (minLength !== undefined && minLength > 1) {
    rules.push({
      holds: or([compare(code`${value}.length >= ${2 * minLength}`), compare(code`${codePoints()}(${value}) >= ${minLength}`)]),
      message: `expected at least ${plural(minLength, 'character')}, found `,
      measured: {
        suspect: compare(code`${value}.length < ${2 * minLength}`),
        measure: code`${codePoints()}(${value})`,
        fails: compare(code`count < ${minLength}`),
      },
    });
  }
  if (maxLength !== undefined) {
    rules.push({
      holds: or([compare(code`${value}.length <= ${maxLength}`), compare(code`${codePoints()}(${value}) <= ${maxLength}`)]),
      message: `expected at most ${plural(maxLength, 'character')}, found `,
      measured: {
        suspect: compare(code`${value}.length > ${maxLength}`),
        measure: code`${codePoints()}(${value})`,
        fails: compare(code`count > ${maxLength}`),
      },
    });
  }
  if (pattern !== undefined) {
    // the flags the pattern compiled with at generation time (model/compile-pattern.ts)
    const regex = scope.module.constant('PATTERN', code`new RegExp(${literal(pattern)}, ${literal(schema.patternFlags ?? 'u')})`);
    const matches = atom(code`${regex}.test(${value})`);
    const mismatch = {
      message: `expected a string matching /${pattern}/, found `,
      tail: code`${scope.module.helper('foundLiteral')}(${value})`,
    };
    const limit = schema.patternInputLimit;
    if (limit === undefined) {
      rules.push({ holds: matches, ...mismatch });
    } else if (maxLength !== undefined && 2 * maxLength <= limit) {
      // a slow pattern is not run on longer strings, which maxLength already reports
      rules.push({ holds: or([compare(code`${value}.length > ${2 * maxLength}`), matches]), ...mismatch });
    } else {
      // a slow pattern (model/pattern-cost.ts) is run only up to the limit; a longer string is an issue
      rules.push({
        holds: compare(code`${value}.length <= ${limit}`),
        message: `expected at most ${plural(limit, 'character')} for the pattern /${pattern}/ (longer strings are not tested against it), found `,
        tail: code`String(${value}.length)`,
      });
      rules.push({ holds: or([compare(code`${value}.length > ${limit}`), matches]), ...mismatch });
    }
  }
  return rules;
}

export function stringToCheck(schema: IrStringSchema, target: Target, scope: Scope): Code {
  return rulesToCheck(stringRules(schema, target.value, scope), target);
}
