// A watch session keeps the emitters' work (EmitCache): the validators, reused when the IR differs
// only in docs, and the printed declarations of types.ts. Every run with the cache must give what
// a fresh run gives. Checked on specs that use every schema construct: the same spec again, an
// edit of every description and summary (validators reused), and an edit that changes a check.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isPair, isScalar, parseDocument, visit } from 'yaml';
import { docFreeKey, EmitCache, sameKey } from '../../generator/emit/emit-cache.js';
import type { IrApi } from '../../generator/model/ir.js';
import { generate } from '../../generator/pipeline.js';
import { FormatCache } from '../../generator/format/format-files.js';
import { emitTypes } from '../../generator/emit/types.js';
import { loadSpecFiles } from '../../generator/load/load-spec-files.js';
import { buildModel } from '../../generator/model/build-model.js';
import { ModelCache } from '../../generator/model/model-cache.js';
import { validateLater } from '../../generator/validate/validate-spec.js';

const dir = mkdtempSync(join(tmpdir(), 'sdkgen-emit-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SPECS = [
  'spec/chatkit-sessions.yaml',
  'test/fixtures/specs/all-schema-constructs.yaml',
  'test/fixtures/specs/openapi-3-2.yaml',
  'test/fixtures/specs/forward-compat.yaml',
  'test/fixtures/specs/read-write-only.yaml',
];

/** Maps whose keys are names from the spec, where a `description` key is a name, not a doc. */
const NAME_MAPS = new Set(['mapping', 'scopes', 'variables']);

/** The spec with every description and summary changed (a title may name the package or a type). */
function withDocsChanged(text: string): { text: string; changed: number } {
  const document = parseDocument(text);
  let changed = 0;
  visit(document, {
    Pair(_key, pair, path) {
      const parent = path[path.length - 2];
      const parentKey = isPair(parent) && isScalar(parent.key) ? String(parent.key.value) : '';
      if (NAME_MAPS.has(parentKey) || !isScalar(pair.key) || !isScalar(pair.value)) return;
      if (!['description', 'summary'].includes(String(pair.key.value)) || typeof pair.value.value !== 'string') return;
      pair.value.value = `${pair.value.value} (edited)`;
      changed += 1;
    },
  });
  return { text: document.toString(), changed };
}

async function run(spec: string, caches?: { formatCache: FormatCache; emitCache: EmitCache }) {
  const { files } = await generate({ spec, write: false, ...caches });
  return new Map(files.map((file) => [file.path, file.text]));
}

describe('EmitCache', () => {
  it.each(SPECS)('%s: a docs-only edit reuses the validators; other edits emit them again; each run as a fresh one', async (source) => {
    const original = readFileSync(source, 'utf8');
    const spec = join(dir, source.replace(/\//g, '_'));
    const caches = { formatCache: new FormatCache(), emitCache: new EmitCache() };
    writeFileSync(spec, original);
    const first = await run(spec, caches);
    const { stats } = caches.emitCache;
    expect(stats.validatorsReused).toBe(0);
    const declarations = stats.declarationsPrinted;
    const made = stats.unitsMade;
    expect(declarations).toBeGreaterThan(0);
    // the same spec again: nothing is emitted or printed again
    expect(await run(spec, caches)).toEqual(first);
    expect(stats).toEqual({
      validatorsReused: 1,
      declarationsPrinted: declarations,
      unitsMade: made,
      unitsReplayed: 0,
      unitConflicts: 0,
      sideFunctionsReplayed: 0,
      shapesRenewed: 0,
      groupChecksReplayed: 0,
    });

    const edited = withDocsChanged(original);
    expect(edited.changed).toBeGreaterThan(0);
    writeFileSync(spec, edited.text);
    const reused = await run(spec, caches);
    expect(stats.validatorsReused).toBe(2);
    expect(reused).toEqual(await run(spec));

    // a check that changes: the spec's first string schema gets a maxLength
    const constrained = edited.text.replace(/^(\s*)type: string$/m, '$1type: string\n$1maxLength: 7');
    expect(constrained).not.toBe(edited.text);
    writeFileSync(spec, constrained);
    const emitted = await run(spec, caches);
    expect(stats.validatorsReused).toBe(2);
    expect(emitted).toEqual(await run(spec));
    expect(emitted.get('src/validators.ts')).not.toBe(reused.get('src/validators.ts'));
  });

  it('keys every value of a const or an enum whole, a key named like a doc field included', () => {
    const api = (value: unknown) => ({ title: 'A', schemas: [{ kind: 'const', value, description: 'doc' }] }) as unknown as IrApi;
    const same = (a: IrApi, b: IrApi) => sameKey(docFreeKey(a), docFreeKey(b));
    expect(same(api({ description: 'a' }), api({ description: 'b' }))).toBe(false);
    expect(same(api({ title: 'a' }), api({ title: 'b' }))).toBe(false);
    const described = (description: string) =>
      ({ title: description, schemas: [{ kind: 'const', value: 1, description }] }) as unknown as IrApi;
    expect(same(described('a'), described('b'))).toBe(true);
    // the IR beside the schemas (operations, the package) is keyed too
    const operated = (method: string) => ({ title: 'A', operations: [{ method }], schemas: [] }) as unknown as IrApi;
    expect(same(operated('get'), operated('post'))).toBe(false);
    expect(same(operated('get'), operated('get'))).toBe(true);
  });

  // A declaration of types.ts is kept while its schema's IR is the same (frozen) object, and what
  // it read beyond it is the same: these change that around a kept schema.
  const TYPES_BASE = `openapi: 3.1.0
info:
  title: T
  version: '1'
  x-sdk:
    docsBaseURL: https://docs.example.com
paths:
  /pets:
    get:
      operationId: getPet
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: '#/components/schemas/Pet'
components:
  schemas:
    Pet:
      description: See [the guide](/guides/pets).
      type: object
      properties:
        owner:
          $ref: '#/components/schemas/Owner'
        status:
          anyOf:
            - $ref: '#/components/schemas/Status'
            - type: string
    Owner:
      type: string
    Status:
      type: string
      enum: [active, gone]
`;

  type Root = { info: Record<string, unknown>; components: { schemas: Record<string, Record<string, unknown>> } };

  const withSchema = (root: Root, key: string, schema: Record<string, unknown>): Root => ({
    ...root,
    components: { ...root.components, schemas: { ...root.components.schemas, [key]: schema } },
  });

  it.each<[string, (root: Root) => Root]>([
    [
      // Owner's node and IR are kept; a new schema takes its type name first, so Owner gets another
      'a schema a kept one refers to is renamed',
      (root) => withSchema(root, 'AOwner', { type: 'integer', 'x-sdk-name': 'Owner' }),
    ],
    ['a schema a kept one looks into changes', (root) => withSchema(root, 'Status', { type: 'integer' })],
    ['the docs base URL changes', (root) => ({ ...root, info: { ...root.info, 'x-sdk': { docsBaseURL: 'https://other.example.com' } } })],
  ])('types.ts: %s around a kept declaration, as a fresh run', async (_, change) => {
    const base = await loadSpecFiles('spec.yaml', TYPES_BASE, 'spec.yaml');
    const modelCache = new ModelCache();
    const emitCache = new EmitCache();
    const typesOf = async (root: unknown, caches: boolean) => {
      const validation = await validateLater({ ...base, root });
      const { api } = buildModel(validation.checked, {}, caches ? modelCache : undefined);
      const [file] = await emitTypes(api, caches ? { cache: emitCache } : {});
      return file!.text;
    };
    expect(await typesOf(base.root, true)).toBe(await typesOf(base.root, false));
    const changed = change(base.root as Root);
    const watched = await typesOf(changed, true);
    expect(watched).toBe(await typesOf(changed, false));
    expect(watched).not.toBe(await typesOf(base.root, false));
  });
});
