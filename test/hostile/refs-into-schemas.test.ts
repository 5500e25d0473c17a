// $refs into other schemas (`#/components/schemas/Gateway/properties/rules/items`): a target
// that holds such refs itself is a named schema, met everywhere as a ref to that name, so a
// chain of them stays linear (it grew exponentially: 22 schemas took minutes), a cycle of them
// is recursion (Azure's and Codat's specs were refused), and a target that holds none is copied
// where it is used, as before.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmittedFile } from '../../generator/emit/emitted-file.js';
import { hoistedName } from '../../generator/model/hoisting.js';
import { generate } from '../../generator/pipeline.js';
import { loadValidatorsOnly, specIr, validatorOf } from '../validators/harness.js';

let work = '';
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-refs-into-schemas-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function specFile(name: string, spec: unknown): Promise<string> {
  const file = join(work, name);
  await writeFile(file, JSON.stringify(spec));
  return file;
}

function textOf(files: readonly EmittedFile[], path: string): string {
  const file = files.find((candidate) => candidate.path === path);
  if (file === undefined) throw new Error(`no ${path}`);
  return file.text;
}

function exportedTypes(types: string): string[] {
  return [...types.matchAll(/^export (?:interface|type) (\w+)/gm)].map((match) => match[1]!);
}

const info = { title: 'Refs', version: '1.0.0' };

/** One GET returning `schema`. */
function getting(schema: unknown, operationId = 'getThing') {
  return { get: { operationId, responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } } };
}

describe('a chain of $refs into properties', () => {
  // S<i>.p holds two refs to S<i+1>.p: copied at each ref, S0 would hold 2^LEVELS copies (a run
  // of minutes at 22 levels; 14 keep a regression quick to fail)
  const LEVELS = 14;
  const schemas: Record<string, unknown> = {};
  for (let i = 0; i < LEVELS; i++) {
    const next = i + 1 < LEVELS ? { $ref: `#/components/schemas/S${i + 1}/properties/p` } : { type: 'string' };
    schemas[`S${i}`] = { type: 'object', properties: { p: { type: 'object', properties: { a: next, b: next } } } };
  }
  const spec = { openapi: '3.1.0', info, paths: { '/s': getting({ $ref: '#/components/schemas/S0' }) }, components: { schemas } };

  it('names each target once, so the output grows with the spec', async () => {
    const { files } = await generate({ spec: await specFile('chain.json', spec), write: false });
    const types = textOf(files, 'src/types.ts');
    // S39.p holds no ref: it is copied into S38P, not named
    const hoisted = Array.from({ length: LEVELS - 2 }, (_, i) => `S${i + 1}P`);
    expect(exportedTypes(types).sort()).toEqual([...Object.keys(schemas), ...hoisted].sort());
    expect(types).toContain('export interface S0 {\n  p?: {\n    a?: S1P;\n    b?: S1P;\n  };\n}');
    expect(types).toContain('export interface S1 {\n  p?: S1P;\n}');
    // a few hundred bytes per schema, where copies would be 2^14 of them
    expect(types.length).toBeLessThan(LEVELS * 400);
    expect(textOf(files, 'src/validators.ts').length).toBeLessThan(LEVELS * 4_000);
  });
});

describe('a cycle of $refs into properties', () => {
  const spec = {
    openapi: '3.1.0',
    info,
    paths: {
      '/gateways': {
        ...getting({ $ref: '#/components/schemas/Gateway' }, 'getGateway'),
        post: {
          operationId: 'addRule',
          requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Gateway/properties/rules/items' } } } },
          responses: { '204': { description: 'added' } },
        },
      },
    },
    components: {
      schemas: {
        Gateway: {
          type: 'object',
          required: ['rules'],
          properties: {
            rules: {
              type: 'array',
              items: {
                type: 'object',
                additionalProperties: false,
                required: ['name'],
                properties: {
                  name: { type: 'string' },
                  children: { type: 'array', items: { $ref: '#/components/schemas/Gateway/properties/rules/items' } },
                },
              },
            },
          },
        },
      },
    },
  };

  it('is recursion through the target, named after the way to it, in the types and the validators', async () => {
    const file = await specFile('cycle.json', spec);
    const { files, warnings } = await generate({ spec: file, write: false });
    expect(warnings.filter((warning) => warning.code !== 'model/unpaginated-list')).toEqual([]);
    const types = textOf(files, 'src/types.ts');
    expect(types).toContain('export interface Gateway {\n  rules: GatewayRulesItem[];\n}');
    expect(types).toContain('export interface GatewayRulesItem {\n  name: string;\n  children?: GatewayRulesItem[];\n}');
    expect(textOf(files, 'src/requests.ts')).toContain('body?: GatewayRulesItem;');

    const validators = await loadValidatorsOnly(await specIr(file));
    const rule = validatorOf(validators, 'GatewayRulesItem');
    expect(rule({ name: 'a', children: [{ name: 'b', children: [{ name: 'c' }] }] }, 'strict')).toEqual([]);
    const issues = rule({ name: 'a', children: [{ name: 'b', children: [{ nmae: 'c' }] }] }, 'strict');
    expect(issues.map((issue) => issue.path)).toEqual([
      ['children', 0, 'children', 0, 'name'],
      ['children', 0, 'children', 0, 'nmae'],
    ]);
  });
});

describe('targets that hold no such ref', () => {
  it('are copied where they are used, also through a ref that only names another (an alias), as before', async () => {
    const spec = {
      openapi: '3.1.0',
      info,
      paths: { '/volumes': getting({ $ref: '#/components/schemas/Volume' }) },
      components: {
        schemas: {
          Region: { type: 'object', properties: { id: { type: 'string', description: 'The region.' } } },
          Volume: { type: 'object', properties: { region: { $ref: '#/components/schemas/Region/properties/id' } } },
          Copy: { type: 'object', properties: { region: { $ref: '#/components/schemas/Volume/properties/region' } } },
        },
      },
    };
    const { files } = await generate({ spec: await specFile('alias.json', spec), write: false });
    const types = textOf(files, 'src/types.ts');
    expect(exportedTypes(types).sort()).toEqual(['Copy', 'Region', 'Volume']);
    expect(types).toContain('export interface Copy {\n  /** The region. */\n  region?: string;\n}');
  });
});

describe('a $ref key in data', () => {
  const schemas = {
    A: { type: 'object', properties: { p: { type: 'object', properties: { q: { $ref: '#/components/schemas/B/properties/r' } } } } },
    B: { type: 'object', properties: { r: { type: 'string' } } },
    Thing: {
      type: 'object',
      example: { $ref: '#/components/schemas/A/properties/p' },
      'x-vendor': { $ref: '#/components/schemas/A/properties/p' },
    },
  };
  const spec = (extra: Record<string, unknown>) => ({
    openapi: '3.1.0',
    info,
    paths: { '/things': getting({ $ref: '#/components/schemas/Thing' }) },
    components: { schemas: { ...schemas, ...extra } },
  });

  it('(an example, an x- extension) is left alone; a property named `default` is a property', async () => {
    const alone = await generate({ spec: await specFile('data.json', spec({})), write: false });
    expect(exportedTypes(textOf(alone.files, 'src/types.ts')).sort()).toEqual(['A', 'B', 'Thing']);
    const named = { C: { type: 'object', properties: { default: { $ref: '#/components/schemas/A/properties/p' } } } };
    const used = await generate({ spec: await specFile('default.json', spec(named)), write: false });
    expect(exportedTypes(textOf(used.files, 'src/types.ts')).sort()).toEqual(['A', 'AP', 'B', 'C', 'Thing']);
  });
});

describe('targets inside operations and shared components', () => {
  it('take the operation’s or the component’s name, and a ref may spell the pointer percent-encoded', async () => {
    const node = {
      type: 'object',
      properties: {
        id: { type: 'string' },
        next: { $ref: '#/paths/~1nodes~1%7Bid%7D/get/responses/200/content/application~1json/schema' },
      },
    };
    const spec = {
      openapi: '3.1.0',
      info,
      paths: {
        '/nodes/{id}': {
          ...getting(node, 'getNode'),
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
        },
        '/links': {
          post: {
            operationId: 'addLink',
            requestBody: { $ref: '#/components/requestBodies/Link' },
            responses: { '204': { description: 'added' } },
          },
        },
      },
      components: {
        requestBodies: {
          Link: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  properties: { to: { $ref: '#/components/requestBodies/Link/content/application~1json/schema' } },
                },
              },
            },
          },
        },
      },
    };
    const { files } = await generate({ spec: await specFile('operations.json', spec), write: false });
    const types = textOf(files, 'src/types.ts');
    expect(exportedTypes(types).sort()).toEqual(['GetNodePathParams', 'GetNodeResponse', 'LinkBody']);
    expect(types).toContain('export interface GetNodeResponse {\n  id?: string;\n  next?: GetNodeResponse;\n}');
    expect(types).toContain('export interface LinkBody {\n  to?: LinkBody;\n}');
  });

  it('an x-sdk-name on the target names it', async () => {
    const spec = {
      openapi: '3.1.0',
      info,
      paths: { '/trees': getting({ $ref: '#/components/schemas/Tree' }) },
      components: {
        schemas: {
          Tree: {
            type: 'object',
            properties: {
              node: {
                'x-sdk-name': 'TreeNode',
                type: 'object',
                properties: { next: { $ref: '#/components/schemas/Tree/properties/node' } },
              },
            },
          },
        },
      },
    };
    const { files } = await generate({ spec: await specFile('named.json', spec), write: false });
    expect(textOf(files, 'src/types.ts')).toContain('export interface Tree {\n  node?: TreeNode;\n}');
  });
});

describe('hoistedName', () => {
  const owners = { schemas: new Map([['gateway', 'Gateway']]), operations: new Map([['/paths/~1pets/get', 'ListPets']]) };
  it.each([
    ['/components/schemas/gateway/properties/rules/items', 'GatewayRulesItem'],
    ['/components/schemas/gateway/properties/tags/additionalProperties', 'GatewayTagsValue'],
    ['/components/schemas/gateway/oneOf/1/prefixItems/0', 'GatewayVariant2Item1'],
    ['/components/schemas/gateway/allOf/0/properties/x-y', 'GatewayPart1XY'],
    ['/components/schemas/other_thing/properties/a', 'OtherThingA'],
    ['/paths/~1pets/get/responses/200/content/application~1json/schema/properties/owner', 'ListPetsResponseOwner'],
    ['/paths/~1pets/get/requestBody/content/application~1json/schema', 'ListPetsBody'],
    ['/components/requestBodies/PetBody/content/application~1json/schema/properties/tag', 'PetBodyTag'],
    ['/components/responses/Error/content/application~1json/schema', 'ErrorResponse'],
    ['/x-defs/node', 'XDefsNode'],
  ])('%s is %s', (pointer, name) => {
    expect(hoistedName(pointer, owners)).toBe(name);
  });
});
