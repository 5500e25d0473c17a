// The public API of one named schema in validators.ts: `validateX(value, mode)` (every issue),
// `isX` (type guard), `assertX` (throws ValidationError) and `X` (a Standard Schema v1 object).
// isX, assertX and X validate in 'loose' mode: unknown keys are kept where the spec leaves
// additionalProperties unset; closed objects (`additionalProperties: false`) reject them anyway.
import { StructureKind, VariableDeclarationKind, type StatementStructures } from 'ts-morph';
import type { Identifier, IrNamedSchema } from '../../model/ir.js';
import { code, jsDoc, literal, type Code } from '../escape.js';
import { checkFunction, Scope, type ModuleScope } from './scope.js';

export function namedSchemaToStatements(named: IrNamedSchema, vendor: Code, module: ModuleScope): StatementStructures[] {
  const name = named.name.text;
  const check = module.checkOf(named.key);
  const label = literal(`\`${name}\``);
  const type = `types.${name}`;
  const summary = named.schema.description === undefined ? '' : `\n\n${jsDoc(named.schema.description)}`;
  return [
    validateFunction(named.validateName, check, label, `Every issue of \`value\` as a \`${name}\`; empty when it is valid.${summary}`),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: named.guardName.text,
      docs: [`Whether \`value\` is a valid \`${name}\` ('loose' mode: unknown keys of open objects are allowed).`],
      parameters: [{ name: 'value', type: 'unknown' }],
      returnType: `value is ${type}`,
      statements: [code`return ${check}(value, false, ${label}) === undefined;`.text],
    },
    {
      kind: StructureKind.Function,
      isExported: true,
      name: named.assertName.text,
      docs: [`Throws a ValidationError listing every issue unless \`value\` is a valid \`${name}\` ('loose' mode).`],
      parameters: [{ name: 'value', type: 'unknown' }],
      returnType: `asserts value is ${type}`,
      statements: [code`const issues = ${check}(value, false, ${label});`.text, code`if (issues !== undefined) throw new ValidationError(issues, ${`Invalid ${name}`});`.text],
    },
    {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      docs: [`\`${name}\` as a Standard Schema v1 object ('loose' mode).`],
      declarations: [{ name, type: `StandardSchemaV1<${type}>`, initializer: code`standardSchema<types.${named.name}>(${vendor}, ${check}, ${label})`.text }],
    },
    checkFunction(check, new Scope(module, name).rootCheck(named.schema)),
  ];
}

/** `validateX(value, mode = 'loose')`: the issues, or the shared empty list. */
export function validateFunction(name: Identifier, check: Identifier, label: Code, doc: string): StatementStructures {
  return {
    kind: StructureKind.Function,
    isExported: true,
    name: name.text,
    docs: [`${doc}\n\n'loose' (the default) accepts unknown keys where the spec leaves additionalProperties unset; 'strict' rejects them.`],
    parameters: [
      { name: 'value', type: 'unknown' },
      { name: 'mode', type: 'ValidationMode', initializer: `'loose'` },
    ],
    returnType: 'readonly ValidationIssue[]',
    statements: [code`return ${check}(value, mode === "strict", ${label}) ?? NO_ISSUES;`.text],
  };
}
