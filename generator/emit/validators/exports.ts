// The public API of one named schema in validators.ts: `X`, a Standard Schema v1 object with
// `X.is` (type guard), `X.assert` (throws ValidationError) and `X.validate(value, mode)` (every
// issue); X, X.is and X.assert validate in 'request' mode for a schema only requests send, else
// in 'loose' mode (see ValidationMode in the runtime). One export per schema, a one-line call of
// the runtime's schemaOf over the schema's check function, and tree-shakeable. Each is source
// text for print.ts: one statement or brace per line.
import { Identifier, isRequestOnly, type IrNamedSchema } from '../../model/ir.js';
import { Code, code, doc, docComment, literal, type DocText } from '../escape.js';
import { MODE_FLAGS } from './modes.js';
import { checkFunction, Scope, type ModuleScope } from './scope.js';

/** The module's `const vendor = 'package-name';` (lowercase: no schema's export can take the name). */
export const VENDOR: Identifier = new Identifier('vendor');

export function namedSchemaToStatements(named: IrNamedSchema, module: ModuleScope): string[] {
  const check = module.checkOf(named.key);
  const label = literal(`\`${named.name.text}\``);
  const type = Code.raw(`types.${named.name.text}`);
  // a schema only requests send checks what the client would send; the others what it accepts
  const requestOnly = isRequestOnly(named);
  const mode = requestOnly ? code`, ${MODE_FLAGS.request}` : code``;
  return [
    [
      docComment(
        requestOnly
          ? doc`Validates \`${named.name}\` in 'request' mode unless \`validate\` is told another: only requests send it (see Validator).`
          : doc`Validates \`${named.name}\` (see Validator).`,
      ).text,
      code`export const ${named.name}: rt.Validator<${type}> = /* @__PURE__ */ schemaOf(${VENDOR}, ${check}, ${label}${mode});`.text,
    ].join('\n'),
    // a schema of the same shape as an earlier one calls that one's check (ModuleScope.checkOf)
    ...(module.ownsCheck(named.key)
      ? [checkFunction(check, new Scope(module, named.name.text).rootCheck(named.schema), module.isRecursive(named.key))]
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
