// IR -> `src/types.ts`: one declaration per named schema, then per parameter group of each
// operation, named as the IR names them. types/type-model.ts maps schemas to types (the mapping
// openapi-typescript had, which wrote this file before), types/jsdoc.ts writes the comments and
// types/layout.ts prints each declaration in prettier's final layout, so the format stage passes
// the file through; a declaration whose layout is not certain goes to prettier instead.
import type { IrApi, IrNamedSchema, IrParameter } from '../model/ir.js';
import type { EmitCache } from './emit-cache.js';
import { piecesFile, type EmitContext, type EmittedFile, type Piece } from './emitted-file.js';
import { fileHeader } from './file-header.js';
import { declarationComment, fixedComment, requestShapeComment } from './types/jsdoc.js';
import { printDeclaration, type Declaration } from './types/layout.js';
import { mentionsUploadable, objectType, typeOf, type TypeContext } from './types/type-model.js';

export async function emitTypes(api: IrApi, ctx: EmitContext): Promise<EmittedFile[]> {
  const all = declarations(api, ctx.cache);
  // `format: binary` fields are typed with the runtime's Uploadable
  const header = all.some((declaration) => mentionsUploadable(declaration.type))
    ? `${fileHeader(api)}import type { Uploadable } from './internal/uploads.js';\n`
    : fileHeader(api);
  // a watch session prints again only the declarations that changed (EmitCache)
  const printed = ctx.cache === undefined ? all.map(printDeclaration) : ctx.cache.declarations(all, printDeclaration);
  const pieces = printed.map(({ text, isCertain }, i): Piece => {
    // the file's header comment goes with the first declaration, a blank line above it
    return { text: i === 0 ? `${header}\n${text}` : text, isFormatted: isCertain, isSpaced: true };
  });
  // a spec without schemas or parameters still gets a module (index.ts re-exports its types)
  const empty: Piece = { text: `${fileHeader(api)}\nexport {};`, isFormatted: true, isSpaced: true };
  return [piecesFile('src/types.ts', pieces.length > 0 ? pieces : [empty])];
}

/** Named schemas, then each operation's parameter groups; a watch session's cache keeps what did not change. */
function declarations(api: IrApi, cache: EmitCache | undefined): Declaration[] {
  const byKey = new Map(api.schemas.map((s) => [s.key, s]));
  const ctx: TypeContext = {
    refName: (key) => byKey.get(key)?.name.text ?? key,
    resolve: (key) => byKey.get(key)?.schema,
    links: api.package.docLinks,
  };
  const declare = (named: IrNamedSchema, shapeOf: string | undefined, ctx: TypeContext): Declaration => {
    const own = declarationComment(named.schema, ctx);
    const comment = shapeOf === undefined ? own : requestShapeComment(shapeOf, named.schema, ctx);
    // a schema a response (or a stream event) can hold has open enums (see typeOf)
    return { name: named.name.text, type: typeOf(named.schema, ctx, named.usage.response), ...(comment !== undefined ? { comment } : {}) };
  };
  const session = cache?.schemaDeclarations(ctx);
  const result: Declaration[] = api.schemas.map((named) => {
    // a request shape says so first: `PetParam` is `Pet` as a request sends it
    const shapeOf = named.requestShapeOf === undefined ? undefined : byKey.get(named.requestShapeOf)?.name.text;
    return session === undefined ? declare(named, shapeOf, ctx) : session.declaration(named, shapeOf, declare);
  });
  session?.end();
  for (const op of api.operations) {
    const groups: [IrParameter['in'], string | undefined][] = [
      ['path', op.names.pathParams?.text],
      ['query', op.names.queryParams?.text],
      ['header', op.names.headerParams?.text],
      ['cookie', op.names.cookieParams?.text],
    ];
    for (const [location, name] of groups) {
      if (name === undefined) continue;
      // an OpenAPI 3.2 `in: querystring` parameter is the whole query: the group is its type
      const querystring = location === 'query' ? op.parameters.find((p) => p.in === 'querystring') : undefined;
      if (querystring !== undefined) {
        result.push({
          name,
          type: typeOf(querystring.schema, ctx, false),
          comment: fixedComment(
            `The query string of \`${op.operationId}\` (\`in: querystring\`, sent as ${querystring.querystring === 'json' ? 'percent-encoded JSON' : 'form fields'}).`,
          ),
        });
        continue;
      }
      const parameters = op.parameters.filter((p) => p.in === location);
      result.push({
        name,
        type: objectType(
          parameters.map((p) => ({
            name: p.name,
            required: p.required,
            schema: p.schema,
            ...(p.description ? { description: p.description } : {}),
          })),
          undefined,
          ctx,
        ),
        comment: fixedComment(`The ${location} parameters of \`${op.operationId}\`.`),
      });
    }
  }
  return result;
}
