// The public API of one named schema in validators.ts: `validateX(value, mode)` (every issue),
// `isX` (type guard), `assertX` (throws ValidationError) and `X` (a Standard Schema v1 object).
// isX, assertX and X validate in 'loose' mode: unknown keys are kept where the spec leaves
// additionalProperties unset; closed objects (`additionalProperties: false`) reject them anyway.
// Each is source text for print.ts: one statement or brace per line.
import type { Identifier, IrNamedSchema } from '../../model/ir.js';
import { Code, code, doc, docComment, literal, type DocText } from '../escape.js';
import { signature } from './print.js';
import { checkFunction, Scope, type ModuleScope } from './scope.js';

export function namedSchemaToStatements(named: IrNamedSchema, vendor: Code, module: ModuleScope): string[] {
  const name = named.name.text;
  const check = module.checkOf(named.key);
  const label = literal(`\`${name}\``);
  const type = `types.${name}`;
  const summary = named.schema.description === undefined ? doc`` : doc`\n\n${named.schema.description}`;
  return [
    validateFunction(named.validateName, check, label, doc`Every issue of \`value\` as a \`${named.name}\`; empty when it is valid.${summary}`),
    [
      docComment(doc`Whether \`value\` is a valid \`${named.name}\` ('loose' mode: unknown keys of open objects are allowed).`).text,
      signature(`export function ${named.guardName.text}`, ['value: unknown'], `: value is ${type}`),
      code`const issues = runCheck(${check}, value, false, ${label});`.text,
      'return issues === undefined;',
      '}',
    ].join('\n'),
    [
      docComment(doc`Throws a ValidationError listing every issue unless \`value\` is a valid \`${named.name}\` ('loose' mode).`).text,
      signature(`export function ${named.assertName.text}`, ['value: unknown'], `: asserts value is ${type}`),
      code`const issues = runCheck(${check}, value, false, ${label});`.text,
      'if (issues !== undefined) {',
      code`throw new ValidationError(issues, ${`Invalid ${name}`});`.text,
      '}',
      '}',
    ].join('\n'),
    [
      docComment(doc`\`${named.name}\` as a Standard Schema v1 object ('loose' mode).`).text,
      code`export const ${named.name}: StandardSchemaV1<${Code.raw(type)}> = standardSchema<${Code.raw(type)}>(${vendor}, ${check}, ${label});`.text,
    ].join('\n'),
    checkFunction(check, new Scope(module, name).rootCheck(named.schema)),
  ];
}

/** `validateX(value, mode = 'loose')`: the issues, or the shared empty list. */
export function validateFunction(name: Identifier, check: Identifier, label: Code, summary: DocText): string {
  return [
    docComment(doc`${summary}\n\n'loose' (the default) accepts unknown keys where the spec leaves additionalProperties unset; 'strict' rejects them.`).text,
    signature(`export function ${name.text}`, ['value: unknown', "mode: ValidationMode = 'loose'"], ': readonly ValidationIssue[]'),
    code`const issues = runCheck(${check}, value, mode === 'strict', ${label});`.text,
    'return issues ?? NO_ISSUES;',
    '}',
  ].join('\n');
}
