// IR -> `src/types.ts`, through openapi-typescript. This is the only module that imports it (the
// library is in maintenance mode): it gets a synthetic 3.1 document whose schemas are keyed by
// the IR's final names, and its `components["schemas"]["X"]` references are rewritten to `X`,
// so names stay the IR's and a replacement type emitter would change this file alone.
import openapiTS, { astToString } from 'openapi-typescript';
import ts from 'typescript';
import type { IrApi, IrParameter } from '../model/ir.js';
import { jsDoc } from './escape.js';
import { irToJsonSchema, type JsonSchema } from './json-schema.js';
import { chunkedFile, type EmitContext, type EmittedFile } from './emitted-file.js';
import { fileHeader } from './file-header.js';

const BINARY = ts.factory.createUnionTypeNode([ts.factory.createTypeReferenceNode('Blob'), ts.factory.createKeywordTypeNode(ts.SyntaxKind.StringKeyword)]);

interface TypeEntry {
  readonly name: string;
  readonly schema: JsonSchema;
  readonly doc?: string;
}

export async function emitTypes(api: IrApi, _ctx: EmitContext): Promise<EmittedFile[]> {
  const entries = typeEntries(api);
  const document = {
    openapi: '3.1.0',
    info: { title: 'types', version: '0' },
    paths: {},
    components: { schemas: Object.fromEntries(entries.map((entry) => [entry.name, entry.schema])) },
  };
  const nodes = await openapiTS(document as never, {
    additionalProperties: false,
    alphabetize: false,
    defaultNonNullable: false,
    emptyObjectsUnknown: true,
    exportType: false,
    enum: false,
    immutable: false,
    silent: true,
    // file content (`format: binary`, multipart uploads) is a web Blob or File, or a string
    transform: (schema) => (schema.format === 'binary' ? BINARY : undefined),
  });
  const members = schemaMembers(nodes);
  const declarations = entries.map((entry) => {
    const member = members.get(entry.name);
    if (!member?.type) throw new Error(`openapi-typescript emitted no type for ${entry.name}`);
    return declarationFor(entry, rewriteRefs(member.type));
  });
  const printed = declarations.map((declaration) => astToString(declaration));
  return [chunkedFile('src/types.ts', [`${fileHeader(api)}\n${printed[0] ?? ''}`, ...printed.slice(1)])];
}

/** Named schemas, then each operation's parameter groups, all as schemas keyed by final name. */
function typeEntries(api: IrApi): TypeEntry[] {
  const nameOf = new Map(api.schemas.map((s) => [s.key, s.name.text]));
  const refName = (key: string) => nameOf.get(key) ?? key;
  const entries: TypeEntry[] = api.schemas.map((named) => ({
    name: named.name.text,
    schema: irToJsonSchema(named.schema, refName, { forTypes: true }),
    ...(named.schema.description !== undefined ? { doc: named.schema.description } : {}),
  }));
  for (const op of api.operations) {
    const groups: [IrParameter['in'], string | undefined][] = [
      ['path', op.names.pathParams?.text],
      ['query', op.names.queryParams?.text],
      ['header', op.names.headerParams?.text],
    ];
    for (const [location, name] of groups) {
      if (name === undefined) continue;
      const parameters = op.parameters.filter((p) => p.in === location);
      entries.push({
        name,
        schema: {
          type: 'object',
          properties: Object.fromEntries(
            parameters.map((p) => [p.name, { ...asObject(irToJsonSchema(p.schema, refName, { forTypes: true })), ...(p.description ? { description: p.description } : {}) }]),
          ),
          required: parameters.filter((p) => p.required).map((p) => p.name),
        },
        doc: `The ${location} parameters of \`${op.operationId}\`.`,
      });
    }
  }
  return entries;
}

function asObject(schema: JsonSchema): Record<string, unknown> {
  return typeof schema === 'boolean' ? {} : schema;
}

/** The members of `components.schemas` in openapi-typescript's output, by name. */
function schemaMembers(nodes: readonly ts.Node[]): Map<string, ts.PropertySignature> {
  const components = nodes.find((node): node is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(node) && node.name.text === 'components');
  const schemas = components?.members.find((member): member is ts.PropertySignature => ts.isPropertySignature(member) && propertyName(member) === 'schemas');
  const members = new Map<string, ts.PropertySignature>();
  if (schemas?.type && ts.isTypeLiteralNode(schemas.type)) {
    for (const member of schemas.type.members) if (ts.isPropertySignature(member)) members.set(propertyName(member), member);
  }
  return members;
}

function propertyName(member: ts.PropertySignature): string {
  const name = member.name;
  return ts.isIdentifier(name) || ts.isStringLiteral(name) ? name.text : name.getText();
}

/** `components["schemas"]["ChatSession"]` -> `ChatSession`. */
function rewriteRefs(type: ts.TypeNode): ts.TypeNode {
  const visit = (node: ts.Node): ts.Node => {
    if (ts.isIndexedAccessTypeNode(node)) {
      const target = componentName(node);
      if (target !== undefined) return ts.factory.createTypeReferenceNode(target);
    }
    return ts.visitEachChild(node, visit, undefined);
  };
  return visit(type) as ts.TypeNode;
}

function componentName(node: ts.IndexedAccessTypeNode): string | undefined {
  const inner = node.objectType;
  if (!ts.isIndexedAccessTypeNode(inner)) return undefined;
  const root = inner.objectType;
  const group = literalText(inner.indexType);
  const name = literalText(node.indexType);
  return ts.isTypeReferenceNode(root) && ts.isIdentifier(root.typeName) && root.typeName.text === 'components' && group === 'schemas' ? name : undefined;
}

function literalText(node: ts.TypeNode): string | undefined {
  return ts.isLiteralTypeNode(node) && ts.isStringLiteral(node.literal) ? node.literal.text : undefined;
}

/** An object type becomes an interface (better hovers and errors); anything else a type alias. */
function declarationFor(entry: TypeEntry, type: ts.TypeNode): ts.Node {
  const exported = [ts.factory.createModifier(ts.SyntaxKind.ExportKeyword)];
  const declaration =
    ts.isTypeLiteralNode(type) && !type.members.some(ts.isIndexSignatureDeclaration)
      ? ts.factory.createInterfaceDeclaration(exported, entry.name, undefined, undefined, type.members)
      : ts.factory.createTypeAliasDeclaration(exported, entry.name, undefined, type);
  if (entry.doc === undefined) return declaration;
  const body = jsDoc(entry.doc)
    .split('\n')
    .map((line) => ` * ${line}`.trimEnd())
    .join('\n');
  return ts.addSyntheticLeadingComment(declaration, ts.SyntaxKind.MultiLineCommentTrivia, `*\n${body}\n `, true);
}
