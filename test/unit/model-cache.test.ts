// A watch session keeps each component schema's IR while its parsed node is the same object
// (ModelCache). Edits in a row, each read from the last parse as a watch run reads them, must
// model exactly as a fresh run of the same text: the IR, the names, every warning and error at
// its place (lines move when an edit adds one above). The edits are the ones a spec's author
// makes: descriptions, properties, types, refs, enum and tag values, components renamed or
// removed, lines added at the top, 3.0 forms in a 3.1 document; and random characters.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { loadSpecFiles } from '../../generator/load/load-spec-files.js';
import type { LoadedSpec } from '../../generator/load/load-spec.js';
import { LoadCache } from '../../generator/load/load-spec.js';
import { buildModel } from '../../generator/model/build-model.js';
import { ModelCache } from '../../generator/model/model-cache.js';
import { validateLater } from '../../generator/validate/validate-spec.js';
import { authorEdit, seeded } from '../load/yaml-edits.js';
import { modelOf } from '../support/watch-model.js';

const SPECS = [
  'spec/chatkit-sessions.yaml',
  'test/fixtures/specs/all-schema-constructs.yaml',
  'test/fixtures/specs/forward-compat.yaml',
  'test/fixtures/specs/json-schema-2020.yaml',
  'test/fixtures/specs/openapi-3-0-forms.yaml',
  'test/fixtures/specs/openapi-3-2.yaml',
  'test/fixtures/specs/read-write-only.yaml',
  'test/fixtures/specs/pagination.yaml',
  'test/fixtures/specs/name-collisions.yaml',
];

const EDITS = 30;

describe('ModelCache', () => {
  it.each(SPECS)('%s: edits in a row model as a fresh run of the same text', async (file) => {
    const next = seeded(SPECS.indexOf(file) + 7);
    const caches = { load: new LoadCache(), model: new ModelCache() };
    let text = readFileSync(file, 'utf8');
    let good = text;
    let modelled = 0;
    let reused = 0;
    for (let round = 0; round <= EDITS; round++) {
      const watched = await modelOf(file, text, caches);
      expect(watched, `${file}, edit ${round}`).toBe(await modelOf(file, text));
      if (watched.startsWith('{"failed"')) {
        // an author fixes an error, or goes on editing with it
        if (next(2) === 0) text = good;
      } else {
        good = text;
        modelled += 1;
        reused += caches.model.stats.reused;
      }
      text = authorEdit(text, next);
    }
    // the edits kept most texts valid, and the cache was used
    expect(modelled).toBeGreaterThan(EDITS / 3);
    expect(reused).toBeGreaterThan(0);
  });

  // A caller may hand the cache any document (not only one a LoadCache read): these share a node
  // with the last one while what its IR depends on beyond the node changed.
  const BASE = `openapi: 3.1.0
info:
  title: T
  version: '1'
paths:
  /pets:
    get:
      operationId: listPets
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
      oneOf:
        - $ref: '#/components/schemas/Cat'
        - $ref: '#/components/schemas/Dog'
      discriminator:
        propertyName: kind
    Cat:
      type: object
      required: [kind]
      properties:
        kind:
          type: string
          enum: [cat]
        owner:
          $ref: '#/components/schemas/Owner'
        since:
          type: integer
          minimum: 0
          exclusiveMinimum: true
        meta:
          type: object
          if:
            properties:
              q:
                $ref: '#/components/schemas/Owner/properties/name'
    Dog:
      type: object
      required: [kind]
      properties:
        kind:
          type: string
          enum: [dog]
        ownerName:
          $ref: '#/components/schemas/Owner/properties/name'
    Owner:
      type: object
      properties:
        name:
          type: string
`;

  type Root = { openapi: string; components: { schemas: Record<string, unknown> } };

  /** The model of `base` with its root changed by `change` (which keeps the other nodes), fresh and through `cache`. */
  async function bothWays(base: LoadedSpec, change: (root: Root) => Root, cache: ModelCache): Promise<[string, string]> {
    const spec = { ...base, root: change(base.root as Root) };
    const model = async (cache?: ModelCache) => {
      try {
        const validation = await validateLater(spec);
        return JSON.stringify(buildModel(validation.checked, {}, cache));
      } catch (error) {
        if (error instanceof SpecError) return JSON.stringify({ failed: error.diagnostics });
        throw error;
      }
    };
    return [await model(cache), await model()];
  }

  const withSchemas = (root: Root, schemas: Record<string, unknown>): Root => ({ ...root, components: { ...root.components, schemas } });

  it.each<[string, (root: Root) => Root]>([
    // Cat's node is kept; the schema its ref names is gone
    [
      'a component a kept schema refers to is removed',
      (root) => {
        const { Owner: _, ...rest } = root.components.schemas;
        return withSchemas(root, rest);
      },
    ],
    // Pet's node is kept; the tag value of a variant it maps changed
    [
      'a discriminator variant changes its tag value',
      (root) => {
        const cat = root.components.schemas['Cat'] as { properties: Record<string, unknown> };
        return withSchemas(root, {
          ...root.components.schemas,
          Cat: { ...cat, properties: { ...cat.properties, kind: { type: 'string', enum: ['kitten'] } } },
        });
      },
    ],
    // Dog's node is kept; the part of Owner its ref copies changed
    [
      'the part of another schema a kept schema copies changes',
      (root) => withSchemas(root, { ...root.components.schemas, Owner: { type: 'object', properties: { name: { type: 'integer' } } } }),
    ],
    // every node is kept; 3.0's boolean exclusiveMinimum means something else in 3.1
    ['the document becomes OpenAPI 3.0', (root) => ({ ...root, openapi: '3.0.3' })],
    // Cat's node is kept; a new ref points into it at a part that holds a ref below: that part is named now
    [
      'a part of a kept schema becomes a named (hoisted) schema',
      (root) => withSchemas(root, { ...root.components.schemas, Alias: { $ref: '#/components/schemas/Cat/properties/meta' } }),
    ],
  ])('%s: the next model is a fresh one', async (_, change) => {
    const base = await loadSpecFiles('spec.yaml', BASE, 'spec.yaml');
    const cache = new ModelCache();
    const [first, fresh] = await bothWays(base, (root) => root, cache);
    expect(first).toBe(fresh);
    const [watched, again] = await bothWays(base, change, cache);
    expect(watched).not.toBe(first);
    expect(watched).toBe(again);
    // and once more: what this run kept is what a fresh run makes
    expect((await bothWays(base, change, cache))[0]).toBe(again);
  });
});
