// The public API of one named schema in validators.ts: `validateX(value, mode)` (every issue),
// `isX` (type guard), `assertX` (throws ValidationError) and `X` (a Standard Schema v1 object).
// isX, assertX and X validate in 'loose' mode (see ValidationMode in the runtime). Each is a
// one-line call of a runtime helper over the schema's check function, and tree-shakeable.
// Each is source text for print.ts: one statement or brace per line.
import { Identifier, type IrNamedSchema } from '../../model/ir.js';
import { Code, code, doc, docComment, literal, type DocText } from '../escape.js';
import { MODE_FLAGS } from './modes.js';
import { checkFunction, Scope, type ModuleScope } from './scope.js';

/** The module's `const vendor = 'package-name';` (lowercase: no schema's export can take the name). */
export const VENDOR: Identifier = new Identifier('vendor');

export function namedSchemaToStatements(named: IrNamedSchema, module: ModuleScope): string[] {
  const check = module.checkOf(named.key);
  const label = literal(`\`${named.name.text}\``);
  const type = Code.raw(`types.${named.name.text}`);
  return [
    [
      docComment(
        doc`\`${named.name}\` as a Standard Schema v1 object; it, \`is…\` and \`assert…\` check in 'loose' mode (see ValidationMode).`,
      ).text,
      code`export const ${named.name}: StandardSchemaV1<${type}> = /* @__PURE__ */ schemaOf(${VENDOR}, ${check}, ${label});`.text,
      // one line each, made from the schema object by the runtime's factories: a bundler drops the
      // ones a program leaves unused
      code`export const ${named.guardName}: rt.Guard<${type}> = /* @__PURE__ */ guardOf(${named.name});`.text,
      code`export const ${named.assertName}: rt.Asserts<${type}> = /* @__PURE__ */ asserterOf(${named.name});`.text,
      code`export const ${named.validateName}: rt.Validate = /* @__PURE__ */ validatorOf(${named.name});`.text,
    ].join('\n'),
    // a schema of the same shape as an earlier one calls that one's check (ModuleScope.checkOf)
    ...(module.ownsCheck(named.key)
      ? [checkFunction(check, new Scope(module, named.name.text).rootCheck(named.schema), module.recursive.has(named.key))]
      : []),
  ];
}

/** `validateX(value, mode?)`: the issues, or the shared empty list; `fallback` is the default mode. */
export function validateFunction(
  name: Identifier,
  check: Identifier,
  label: Code,
  summary: DocText,
  fallback: keyof typeof MODE_FLAGS,
): string {
  const mode = fallback === 'loose' ? code`` : code`, ${MODE_FLAGS[fallback]}`;
  return [
    docComment(doc`${summary} \`mode\` defaults to '${fallback}' (see ValidationMode).`).text,
    code`export const ${name}: rt.Validate = /* @__PURE__ */ validatorOfCheck(${check}, ${label}${mode});`.text,
  ].join('\n');
}
