// applyOverlays and the model's x-sdk-headers, without generating: merge and append forms, the
// config file's `tags` and `operations` settings, header precedence between tags, operation and
// header parameters, and where a diagnostic about an overlaid node points. The request builders
// alone (requests.ts emitted from the model and bundled) show a header parameter overriding a
// default on the wire.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { EmittedFile } from '../../generator/emit/emitted-file.js';
import { emitRequests } from '../../generator/emit/requests.js';
import { applyOverlays } from '../../generator/load/apply-overlays.js';
import { loadSpec } from '../../generator/load/load-spec.js';
import { buildModel } from '../../generator/model/build-model.js';
import { validateSpec } from '../../generator/validate/validate-spec.js';
import { bundleFiles } from '../validators/harness.js';

const SPEC = `openapi: 3.1.0
info:
  title: Farm
  version: 1.0.0
tags:
  - name: cows
  - name: beta
paths:
  /cows:
    get:
      operationId: listCows
      tags: [cows, beta]
      parameters:
        - name: X-Optional
          in: header
          schema:
            type: string
        - name: X-Required
          in: header
          required: true
          schema:
            type: string
      responses:
        '204':
          description: ok
  /barns:
    get:
      operationId: listBarns
      tags: [barns]
      responses:
        '204':
          description: ok
`;

const HEAD = 'overlay: 1.0.0\ninfo: { title: T, version: 1.0.0 }\nactions:\n';

function overlaid(overlays: string[], config?: string) {
  const spec = { ...loadSpec('farm.yaml', SPEC), sources: new Map(), files: [] };
  return applyOverlays(
    spec,
    overlays.map((text, index) => ({ file: `o${index}.yaml`, text })),
    config === undefined ? undefined : { file: 'sdkgen.config.yaml', text: config },
  );
}

async function model(overlays: string[], config?: string) {
  const { spec, warnings } = overlaid(overlays, config);
  const built = buildModel(await validateSpec(spec));
  const headers = Object.fromEntries(
    built.api.operations.map((op) => [op.operationId, op.fixedHeaders.map((h) => `${h.name}: ${h.value}`)]),
  );
  return { headers, warnings: [...warnings, ...built.warnings], root: spec.root as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('x-sdk-headers precedence', () => {
  it('a later tag wins over an earlier one, the operation over both; an optional header parameter keeps its default, a required one drops it with a warning', async () => {
    const { headers, warnings } = await model([
      `${HEAD}  - target: $.tags[0]\n    update: { x-sdk-headers: { X-Level: cows, X-Cows: "1" } }\n  - target: $.tags[1]\n    update: { x-sdk-headers: { X-Level: beta } }\n` +
        `  - target: $.paths['/cows'].get\n    update: { x-sdk-headers: { X-Op: "2", x-optional: default, X-Required: never } }\n`,
    ]);
    // the default of the optional parameter is kept, under the parameter's spelling
    expect(headers['listCows']).toEqual(['X-Cows: 1', 'X-Level: beta', 'X-Op: 2', 'X-Optional: default']);
    const dropped = warnings.filter((w) => w.code === 'model/invalid-header');
    expect(dropped.map((w) => [w.severity, `${w.at.file}:${w.at.line}:${w.at.column}`])).toEqual([['warning', 'o0.yaml:9:76']]);
    expect(dropped[0]!.message).toContain('"X-Required", which the operation takes as a required header parameter');
  });
});

interface Described {
  readonly method: string;
  readonly path: string;
  readonly headers: Record<string, string>;
}
type Builders = Record<string, (input?: unknown) => Described> & {
  toRequestInit: (request: Described) => { headers: Record<string, string> };
};

/** The overlaid spec's request builders, run: requests.ts emitted from the model, bundled with the runtime it imports. */
async function builders(overlays: string[]): Promise<Builders> {
  const { spec } = overlaid(overlays);
  const { api } = buildModel(await validateSpec(spec));
  const files: EmittedFile[] = emitRequests(api, {});
  for (const name of readdirSync('templates/runtime').filter((file) => file.endsWith('.ts')))
    files.push({ path: `src/internal/${name}`, text: readFileSync(join('templates/runtime', name), 'utf8') });
  return (await import(pathToFileURL(await bundleFiles(files, 'src/requests.ts')).href)) as Builders;
}

describe('x-sdk-headers on the wire', () => {
  it('an optional header parameter overrides the default when the caller passes it, whatever the case of its name', async () => {
    for (const name of ['X-Optional', 'x-optional']) {
      const build = await builders([`${HEAD}  - target: $.paths['/cows'].get\n    update: { x-sdk-headers: { ${name}: default } }\n`]);
      const without = build['listCows']!({ headers: { 'X-Required': 'r' } });
      const passed = build['listCows']!({ headers: { 'X-Required': 'r', 'X-Optional': 'mine' } });
      // what fetch is given (the client merges the builder's headers the same way: names lowercased, the later wins)
      expect(build.toRequestInit(without).headers, name).toEqual({ 'x-optional': 'default', 'x-required': 'r' });
      expect(build.toRequestInit(passed).headers, name).toEqual({ 'x-optional': 'mine', 'x-required': 'r' });
      // one key, in the parameter's spelling: a Headers object made from the builder's headers
      // alone would otherwise join the two values
      expect(without.headers, name).toEqual({ 'X-Optional': 'default', 'X-Required': 'r' });
      expect(passed.headers, name).toEqual({ 'X-Optional': 'mine', 'X-Required': 'r' });
      expect(new Headers(passed.headers as Record<string, string>).get('x-optional'), name).toBe('mine');
    }
  });
});

describe('the config file as the last overlay', () => {
  it("declares a tag the root list lacks, merges operation headers over the overlays', and warns on names the spec lacks with the nearest one", async () => {
    const config =
      'operations:\n  listCows:\n    headers: { X-Op: config }\n  listCow:\n    method: all\ntags:\n  barns:\n    headers: { X-Barn: "yes" }\n  barn:\n    headers: { X-Barn: "no" }\n';
    const { headers, warnings, root } = await model(
      [`${HEAD}  - target: $.paths['/cows'].get\n    update: { x-sdk-headers: { X-Op: overlay, X-Other: kept } }\n`],
      config,
    );
    expect(headers['listCows']).toEqual(['X-Op: config', 'X-Other: kept']);
    expect(headers['listBarns']).toEqual(['X-Barn: yes']);
    expect(root['tags'].map((tag: { name: string }) => tag.name)).toEqual(['cows', 'beta', 'barns']);
    expect(
      warnings.filter((w) => w.code === 'load/overlay-no-match').map((w) => `${w.at.file}:${w.at.line}:${w.at.column} ${w.hint}`),
    ).toEqual(['sdkgen.config.yaml:4:3 Did you mean `listCows`?', 'sdkgen.config.yaml:9:3 Did you mean `barns`?']);
  });
});

describe('config operations settings', () => {
  it("write x-sdk-resource, x-sdk-method and x-sdk-pagination (replacing the overlays'), located in the config file", () => {
    const config = 'operations:\n  listCows:\n    resource: farm.cows\n    method: all\n    pagination: { style: cursor, items: data }\n';
    const { spec } = overlaid(
      [`${HEAD}  - target: $.paths['/cows'].get\n    update: { x-sdk-pagination: { style: cursor, cursorParam: after } }\n`],
      config,
    );
    const operation = (spec.root as Record<string, any>)['paths']['/cows']['get']; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect([operation['x-sdk-resource'], operation['x-sdk-method'], operation['x-sdk-pagination']]).toEqual([
      'farm.cows',
      'all',
      { style: 'cursor', items: 'data' },
    ]);
    expect(spec.locate('/paths/~1cows/get/x-sdk-method')).toMatchObject({
      file: 'sdkgen.config.yaml',
      line: 4,
      column: 13,
      pointer: '/operations/listCows/method',
    });
    expect(spec.locate('/paths/~1cows/get/x-sdk-pagination/items')).toMatchObject({
      file: 'sdkgen.config.yaml',
      line: 5,
      pointer: '/operations/listCows/pagination/items',
    });
  });
});

describe('update forms', () => {
  it('appends a single value to an array target, each element of a list, and merges nested mappings and arrays', () => {
    const { spec } = overlaid([
      `${HEAD}  - target: $.tags\n    update: { name: one }\n  - target: $.tags\n    update: [{ name: two }, { name: three }]\n` +
        `  - target: $.paths['/cows'].get\n    update: { tags: [extra], responses: { '204': { description: changed } } }\n`,
    ]);
    const root = spec.root as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(root['tags'].map((tag: { name: string }) => tag.name)).toEqual(['cows', 'beta', 'one', 'two', 'three']);
    expect(root['paths']['/cows']['get']['tags']).toEqual(['cows', 'beta', 'extra']);
    expect(root['paths']['/cows']['get']['responses']['204']).toEqual({ description: 'changed' });
    // each node points where it came from: the spec's own, or the overlay's update
    expect(spec.locate('/tags/0')).toMatchObject({ file: 'farm.yaml', line: 6 });
    expect(spec.locate('/tags/2')).toMatchObject({ file: 'o0.yaml', line: 5, pointer: '/actions/0/update' });
    expect(spec.locate('/tags/4/name')).toMatchObject({ file: 'o0.yaml', line: 7, pointer: '/actions/1/update/1/name' });
    expect(spec.locate('/paths/~1cows/get/tags/2')).toMatchObject({ file: 'o0.yaml', line: 9, pointer: '/actions/2/update/tags/0' });
    expect(spec.locate('/paths/~1cows/get/tags/1')).toMatchObject({ file: 'farm.yaml', line: 12 });
  });

  it('removes each selected node; later array elements keep their own lines', () => {
    const { spec } = overlaid([
      `${HEAD}  - target: $.paths['/cows'].get.parameters[?@.name == 'X-Optional']\n    remove: true\n  - target: $.tags[0]\n    remove: true\n`,
    ]);
    const root = spec.root as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(root['paths']['/cows']['get']['parameters'].map((p: { name: string }) => p.name)).toEqual(['X-Required']);
    expect(spec.locate('/paths/~1cows/get/parameters/0/name')).toMatchObject({
      file: 'farm.yaml',
      line: SPEC.split('\n').indexOf('        - name: X-Required') + 1,
    });
    expect(spec.locate('/tags/0/name')).toMatchObject({ file: 'farm.yaml', line: 7 });
  });
});
