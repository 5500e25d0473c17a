// IR -> the mostly-fixed files of the package: package.json, README.md, tsconfig.json,
// src/index.ts and the runtime core (src/internal/*), all rendered from `templates/`.
import { resourcesInOrder, type IrApi, type IrOperation } from '../model/ir.js';
import { schemaIndex } from '../model/schema-index.js';
import { API_KEY_PLACES } from '../model/package-info.js';
import { readmeExample } from './client.js';
import { lineComment } from './escape.js';
import { piecesFile, type EmitContext, type EmittedFile } from './emitted-file.js';
import { fileHeader } from './file-header.js';
import { markdownPieces } from './markdown-tables.js';
import { templateRenderer } from './templates.js';
import type { TemplateSet } from '../load/template-set.js';

export function emitPackageFiles(api: IrApi, ctx: EmitContext & { readonly templates: TemplateSet }): EmittedFile[] {
  const render = templateRenderer(ctx.templates);
  const header = fileHeader(api).trimEnd();
  // Spec text stays plain data here; templates print it only through an escaping helper:
  // `json` (package.json), `markdown` / `markdownCode` (README.md), `literal` (code).
  // every resource class, a parent first: `client.a.b`, and the class a program can make on its own
  const resources = resourcesInOrder(api.resources);
  const resourceClasses = resources.map(({ resource, path }) => {
    const op = resource.operations[0];
    let example: string | undefined;
    return {
      path: path.join('.'),
      className: resource.className.text,
      // made when a template reads it: the built-in README shows one resource's
      get example(): string | undefined {
        if (op !== undefined) example ??= fencedExample(op, api, `resource.${op.names.method.text}`);
        return example;
      },
    };
  });
  const paged = api.operations.find((op) => op.pagination !== undefined && op.pagination.style !== 'single');
  const data = {
    header,
    package: api.package,
    clientName: api.package.clientName.text,
    title: api.title,
    version: api.version,
    description: api.package.description,
    specFile: api.specFile.split(/[\\/]/).pop() ?? api.specFile,
    // a spec without security: the client sends no key (ClientIdentity.auth 'none')
    noAuth: api.package.auth === 'none',
    // an apiKey scheme the client sends the key by: where (`header`, `query`, `cookie`) and its name
    keyAuth: typeof api.package.auth === 'object' ? { name: api.package.auth.name, place: API_KEY_PLACES[api.package.auth.in] } : undefined,
    // constant headers (a `const` header parameter, `x-sdk-headers`): the README says how to override them
    hasOperationHeaders: api.operations.some((op) => op.fixedHeaders.length > 0),
    itemStreams: hasItemStreams(api),
    // readOnly/writeOnly: each schema with a second, request shape (`Pet` and `PetParam`)
    requestShapes: api.schemas.flatMap((named) => {
      const of = named.requestShapeOf === undefined ? undefined : schemaIndex(api).named(named.requestShapeOf);
      return of === undefined ? [] : [{ response: of.name.text, request: named.name.text }];
    }),
    operations: api.operations.map((op) => ({
      call: `${callPath(op)}()`,
      method: op.wireMethod,
      path: op.pathTemplate,
      builder: op.names.builder.text,
      fn: op.names.function.text,
    })),
    resourceClasses,
    // the README's pagination example: the first list method that pages
    pagination:
      paged === undefined ? undefined : { call: callPath(paged), example: fencedExample(paged, api, `client.${callPath(paged)}`) },
    // the README's example of one resource made on its own: the first with an operation of its own
    resourceExample: resourceClasses.find((_, i) => resources[i]!.resource.operations.length > 0),
    // code for the README's example block: a `//` comment line and a call that compiles as written
    examples: api.operations
      .slice(0, 4)
      .map(
        (op) =>
          `${lineComment((op.summary ?? op.operationId).trim().split(/[\r\n\u2028\u2029]/)[0] ?? '').text}\n${fencedExample(op, api, `client.${callPath(op)}`)}`,
      ),
  };
  const isBuiltIn = (template: string) => ctx.templates.origin(template) === `templates/${template}`;
  const files: EmittedFile[] = [
    { path: 'package.json', text: render('package.json.hbs', data) },
    // its tables (the operations table has a row per operation) are printed in their final layout
    piecesFile('README.md', markdownPieces(render('README.md.hbs', data))),
    { path: 'tsconfig.json', text: render('tsconfig.json.hbs', data) },
    { path: 'tsconfig.cjs.json', text: render('tsconfig.cjs.json.hbs', data) },
    // the built-in build script is kept prettier-clean in the repository, as the runtime core is
    { path: 'build.mjs', text: render('build.mjs.hbs', data), ...(isBuiltIn('build.mjs.hbs') ? { isFormatted: true } : {}) },
    { path: 'src/index.ts', text: render('index.ts.hbs', data) },
  ];
  for (const name of ctx.templates.runtimeFiles()) {
    // every runtime file is rendered; the pipeline keeps the ones the package imports (runtime-files.ts)
    files.push({
      path: `src/internal/${name}`,
      text: `${header}\n${render(`runtime/${name}`, data)}`,
      ...(isBuiltIn(`runtime/${name}`) ? { isFormatted: true } : {}),
    });
  }
  return files;
}

/** Whether an operation streams items (a response or request body with an item schema). */
export function hasItemStreams(api: IrApi): boolean {
  return api.operations.some((op) => op.response.items !== undefined || op.body?.items !== undefined);
}

// A call of `op` for a README's fenced block. A line of a spec's example values that starts
// with a fence would end the block, so such an example keeps a placeholder for its arguments.
function fencedExample(op: IrOperation, api: IrApi, callee: string): string {
  const example = readmeExample(op, api, callee);
  return /^ {0,3}(`{3}|~{3})/m.test(example) ? `await ${callee}(/* \u2026 */);` : example;
}

/** The method's path on the client: `chatkit.sessions.create`. */
function callPath(op: IrOperation): string {
  return [...op.names.resource.map((r) => r.text), op.names.method.text].join('.');
}
