// Overlays and sdkgen settings without editing the spec: a fixture spec and an overlay
// that uses every action form, generated once and called against a real server on 127.0.0.1
// (per-tag and per-operation default headers, the caller's override, environment variables);
// then, through the CLI in a temp folder as a user runs it: located overlay errors and
// warnings, a removal that shifts array elements, the config file's `overlays`, `operations`
// and `tags`, precedence (flags > config > overlays > spec), the order of repeated --overlay
// flags, and --watch on an overlay file.
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { runCli, watchCli } from '../support/cli.js';
import { json, startRecordingServer, type RecordingServer } from '../support/recording-server.js';

const FIXTURES = resolve('test/overlay/fixtures');
type AnyClient = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let work: string;
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-overlay-'));
});
afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('zoo.yaml with zoo.overlay.yaml, called against 127.0.0.1', () => {
  let server: RecordingServer;
  let module: { default: new (options?: object) => AnyClient };
  let requests: Record<string, (input?: unknown) => { method: string; path: string; headers: Record<string, string> }>;
  let client: AnyClient;
  let clientText: string;

  beforeAll(async () => {
    const out = join(work, 'zoo');
    const result = await generate({ spec: join(FIXTURES, 'zoo.yaml'), overlays: [join(FIXTURES, 'zoo.overlay.yaml')], out });
    expect(result.warnings).toEqual([]);
    module = await import(pathToFileURL(join(out, 'src/index.ts')).href);
    requests = await import(pathToFileURL(join(out, 'src/requests.ts')).href);
    clientText = await readFile(join(out, 'src/client.ts'), 'utf8');
    server = await startRecordingServer();
    client = new module.default({ apiKey: 'sk-zoo-0000', baseURL: server.url, maxRetries: 0 });
  }, 60_000);
  afterAll(async () => server?.close());
  beforeEach(() => {
    server.requests.splice(0);
    server.respond((request, response) => {
      if (request.method === 'DELETE') return void response.writeHead(204).end();
      if (request.url === '/animals') return json(response, 200, request.method === 'GET' ? { data: [] } : { id: 'a1', name: 'Rex' });
      if (request.url === '/keepers') return json(response, 200, ['Ann']);
      if (request.url === '/health') return json(response, 200, { ok: true });
      return json(response, 200, { id: 'a1', name: 'Rex' });
    });
  });
  const sent = (name: string) =>
    server.requests.map((request) => `${request.method} ${request.url} ${String(request.headers[name.toLowerCase()])}`);

  it("sends a tag's x-sdk-headers on every operation of the tag; an operation's own win; null drops one", async () => {
    await client.animals.list();
    await client.animals.retrieve('a1');
    await client.animals.create({ id: 'a1', name: 'Rex' });
    await client.animals.delete('a1');
    await client.keepers.list();
    await client.status.check(); // x-sdk-resource and x-sdk-method from the overlay
    expect(sent('Zoo-Beta')).toEqual([
      'GET /animals animals=v2',
      'GET /animals/a1 animals=v2',
      'POST /animals animals=v3',
      'DELETE /animals/a1 undefined',
      // a tag the spec's operations carry but did not declare, declared by appending to `tags`
      'GET /keepers keepers=v1',
      'GET /health undefined',
    ]);
    expect(sent('X-Trace')).toEqual([
      'GET /animals undefined',
      'GET /animals/a1 undefined',
      'POST /animals create',
      'DELETE /animals/a1 undefined',
      'GET /keepers undefined',
      'GET /health undefined',
    ]);
  });

  it("a caller's header of the same name overrides the default and null removes it; defaultHeaders does not override it", async () => {
    await client.animals.list({ headers: { 'zoo-beta': 'mine' } });
    await client.animals.list({ headers: { 'Zoo-Beta': null } });
    const withDefaults = new module.default({
      apiKey: 'sk-zoo-0000',
      baseURL: server.url,
      maxRetries: 0,
      defaultHeaders: { 'Zoo-Beta': 'client-wide', 'X-Other': 'kept' },
    });
    await withDefaults.animals.list();
    await withDefaults.status.check();
    expect(sent('Zoo-Beta')).toEqual(['GET /animals mine', 'GET /animals undefined', 'GET /animals animals=v2', 'GET /health client-wide']);
    expect(server.requests[2]!.headers['x-other']).toBe('kept');
  });

  it("tells the package's users in its README that some methods send headers of their own, and how to override them", async () => {
    const readme = await readFile(join(work, 'zoo/README.md'), 'utf8');
    expect(readme).toContain('Some methods send headers of their own on every call');
    expect(readme).toContain("`{ headers: { 'Header-Name': null } }`");
  });

  it('puts the default headers in the request builders, so a builder stays wire-complete', () => {
    expect(requests['createAnimal']!({ body: { id: 'a1', name: 'Rex' } }).headers).toEqual({
      'X-Trace': 'create',
      'Zoo-Beta': 'animals=v3',
    });
    expect(requests['listAnimals']!().headers).toEqual({ 'Zoo-Beta': 'animals=v2' });
    expect(requests['deleteAnimal']!({ path: { animal_id: 'a1' } }).headers).toEqual({});
  });

  it("reads the overlay's info.x-sdk: class name, package name, API key and base URL variables", async () => {
    const saved = { key: process.env['ZOO_KEY'], url: process.env['ZOO_URL'] };
    process.env['ZOO_KEY'] = 'sk-from-env';
    process.env['ZOO_URL'] = server.url;
    try {
      await new module.default({ maxRetries: 0 }).keepers.list();
    } finally {
      for (const [name, value] of [
        ['ZOO_KEY', saved.key],
        ['ZOO_URL', saved.url],
      ] as const) {
        if (value === undefined) delete process.env[name];
        else process.env[name] = value;
      }
    }
    expect(server.requests[0]!.headers['authorization']).toBe('Bearer sk-from-env');
    expect((module as unknown as Record<string, unknown>)['Zoo']).toBe(module.default);
    expect(JSON.parse(await readFile(join(work, 'zoo/package.json'), 'utf8')).name).toBe('zoo-client');
  });

  it('removes what a `remove: true` action targets (the description of retrieveAnimal)', async () => {
    expect(await readFile(join(FIXTURES, 'zoo.yaml'), 'utf8')).toContain('Reads one animal.');
    expect(clientText).not.toContain('Reads one animal.');
  });
});

const OVERLAY_HEAD = 'overlay: 1.0.0\ninfo:\n  title: Test\n  version: 1.0.0\nactions:\n';

/** Writes `files` into a fresh folder under the temp dir and runs the CLI there. */
async function runIn(name: string, files: Record<string, string>, args: readonly string[]) {
  const folder = join(work, name);
  await mkdir(folder, { recursive: true });
  if (files['zoo.yaml'] === undefined) await cp(join(FIXTURES, 'zoo.yaml'), join(folder, 'zoo.yaml'));
  for (const [file, text] of Object.entries(files)) await writeFile(join(folder, file), text);
  return { folder, ...(await runCli(args, folder)) };
}

describe('located diagnostics', () => {
  it('an action that matches nothing is a warning at its target; the run succeeds', async () => {
    const run = await runIn(
      'no-match',
      { 'o.yaml': `${OVERLAY_HEAD}  - target: $.paths['/nope'].get\n    update:\n      description: never\n` },
      ['generate', '--spec', 'zoo.yaml', '--overlay', 'o.yaml', '--out', 'out'],
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      "o.yaml:6:13: warning[load/overlay-no-match] The target `$.paths['/nope'].get` matches nothing in zoo.yaml, so this action changes nothing.",
    );
  });

  it('a malformed overlay is refused with every problem located in it, a bad target at the column of the problem', async () => {
    const overlay = [
      'overlay: 2.0.0',
      'info:',
      '  title: Test',
      '  version: 1.0.0',
      'actions:',
      '  - target: "$.paths[?@.x = 1]"',
      '    update: {}',
      '  - target: $.info',
      '    updat: {}',
      '  - target: $.info',
      '    remove: true',
      '    update: {}',
      '',
    ].join('\n');
    const run = await runIn('malformed', { 'o.yaml': overlay }, ['generate', '--spec', 'zoo.yaml', '--overlay', 'o.yaml', '--out', 'out']);
    expect(run.code).toBe(1);
    const headers = run.stderr.split('\n').filter((line) => /^o\.yaml:\d+:\d+: /.test(line));
    expect(headers).toEqual([
      'o.yaml:1:10: error[load/invalid-overlay] `overlay: "2.0.0"` is not a version sdkgen reads; it applies Overlay 1.0 documents (`overlay: 1.0.0`).',
      'o.yaml:6:27: error[load/invalid-overlay] The target is not a valid JSONPath (RFC 9535): Expected `,` or `]` here, found `=`.',
      'o.yaml:8:5: error[load/invalid-overlay] The action has neither `update` nor `remove: true`, so it would do nothing.',
      'o.yaml:9:5: error[load/invalid-overlay] An action has no field `updat`; did you mean `update`?',
      'o.yaml:10:5: error[load/invalid-overlay] The action has both `update` and `remove: true`; an action does one of them.',
    ]);
    expect(run.stderr).toContain('nothing was written');
  });

  it('an update that cannot apply to what its target selects is an error at the action', async () => {
    const overlay = `${OVERLAY_HEAD}  - target: $.info.title\n    update: New\n  - target: $.info\n    update: [1]\n  - target: $\n    remove: true\n`;
    const run = await runIn('cannot-apply', { 'o.yaml': overlay }, [
      'generate',
      '--spec',
      'zoo.yaml',
      '--overlay',
      'o.yaml',
      '--out',
      'out',
    ]);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((line) => /^o\.yaml:\d+:\d+: /.test(line))).toEqual([
      'o.yaml:6:13: error[load/invalid-overlay] The target selects a string (`$.info.title`); `update` merges into mappings and appends to arrays.',
      'o.yaml:9:5: error[load/invalid-overlay] The target selects a mapping (`$.info`), so `update` must be a mapping of the fields to merge into it.',
      'o.yaml:10:13: error[load/invalid-overlay] The target selects the whole document, which cannot be removed.',
    ]);
  });

  it('a bad header an overlay adds is a model/invalid-header error at the line of the overlay that wrote it', async () => {
    const overlay = `${OVERLAY_HEAD}  - target: $.paths['/animals'].post\n    update:\n      x-sdk-headers:\n        X-Bad: "a\\r\\nb"\n        Bad Name: x\n  - target: $.info\n    update:\n      x-sdk:\n        apiKeyEnv: 1BAD\n`;
    const run = await runIn('bad-header', { 'o.yaml': overlay }, ['generate', '--spec', 'zoo.yaml', '--overlay', 'o.yaml', '--out', 'out']);
    expect(run.code).toBe(1);
    expect(run.stderr.split('\n').filter((line) => /^\S+\.yaml:\d+:\d+: /.test(line))).toEqual([
      'o.yaml:9:16: error[model/invalid-header] The value of the header "X-Bad" in `x-sdk-headers` holds a character no HTTP header can carry (a line break, NUL or a character above U+00FF).',
      'o.yaml:10:19: error[model/invalid-header] The header name "Bad Name" in `x-sdk-headers` is not an HTTP header name.',
      'o.yaml:14:20: error[model/invalid-extension] `x-sdk.apiKeyEnv` "1BAD" is not an environment variable name (letters, digits and `_`, not starting with a digit).',
    ]);
  });

  it('after a removal shifts an array, a diagnostic about a later element still points at its own line of the spec', async () => {
    const spec = (await readFile(join(FIXTURES, 'zoo.yaml'), 'utf8')).replace(
      '      operationId: listKeepers\n',
      '      operationId: listKeepers\n      parameters:\n        - name: X-Fine\n          in: header\n          schema:\n            type: string\n        - name: Not Fine\n          in: header\n          schema:\n            type: string\n',
    );
    const overlay = `${OVERLAY_HEAD}  - target: $.paths['/keepers'].get.parameters[0]\n    remove: true\n`;
    const run = await runIn('shift', { 'zoo.yaml': spec, 'o.yaml': overlay }, [
      'generate',
      '--spec',
      'zoo.yaml',
      '--overlay',
      'o.yaml',
      '--out',
      'out',
    ]);
    expect(run.code).toBe(1);
    const line = spec.split('\n').indexOf('        - name: Not Fine') + 1;
    expect(run.stderr).toContain(
      `zoo.yaml:${line}:17: error[model/invalid-header] The header parameter name "Not Fine" is not an HTTP header name.`,
    );
  });
});

describe('the config file and flags', () => {
  const config = [
    'spec: zoo.yaml',
    'out: out',
    'overlays: [overlays/zoo.overlay.yaml]',
    'apiKeyEnv: CONFIG_KEY',
    'operations:',
    '  createAnimal:',
    '    headers:',
    '      Zoo-Beta: animals=v4',
    '  retrieveAnimal:',
    '    method: fetch',
    '  listAnimal:',
    '    method: all',
    'tags:',
    '  keepers:',
    '    headers:',
    '      X-Keepers: "yes"',
    '',
  ].join('\n');

  it('applies overlays listed in the config (relative to it), then its operations and tags; flags win over the config, the config over overlays', async () => {
    const folder = join(work, 'config');
    await cp(join(FIXTURES, 'zoo.overlay.yaml'), join(folder, 'overlays/zoo.overlay.yaml'));
    const run = await runIn('config', { 'sdkgen.config.yaml': config }, ['generate', '--api-key-env', 'FLAG_KEY']);
    expect(run.code).toBe(0);
    const requestsText = await readFile(join(folder, 'out/src/requests.ts'), 'utf8');
    const clientText = await readFile(join(folder, 'out/src/client.ts'), 'utf8');
    expect(requestsText).toContain(`headers: { 'X-Trace': 'create', 'Zoo-Beta': 'animals=v4' }`); // config's header wins, the overlay's other one stays
    expect(requestsText).toContain(`headers: { 'X-Keepers': 'yes', 'Zoo-Beta': 'keepers=v1' }`);
    expect(clientText).toMatch(/fetch\(animalId: string/);
    expect(clientText).toContain("apiKeyEnv: 'FLAG_KEY'"); // flag > config > overlay (ZOO_KEY)
    expect(clientText).toContain("baseURLEnv: 'ZOO_URL'"); // the overlay's, as the config has none
    expect(run.stderr).toContain(
      'sdkgen.config.yaml:11:3: warning[load/overlay-no-match] No operation of the spec has the operationId `listAnimal`, so these settings change nothing.',
    );
    expect(run.stderr).toContain('hint: Did you mean `listAnimals`?');
  });

  it('refuses an unknown per-operation setting in the config with the known ones', async () => {
    const run = await runIn('config-bad', { 'sdkgen.config.yaml': 'spec: zoo.yaml\noperations:\n  createAnimal:\n    header: {}\n' }, [
      'generate',
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      'sdkgen.config.yaml: operations.createAnimal: unknown setting "header"; did you mean "headers"?; the settings are resource, method, headers, pagination.',
    );
  });

  it('applies repeated --overlay flags in the order given: a later one wins', async () => {
    const second = `${OVERLAY_HEAD}  - target: $.paths['/animals'].post\n    update:\n      x-sdk-headers:\n        Zoo-Beta: animals=v9\n`;
    const folder = join(work, 'order');
    await cp(join(FIXTURES, 'zoo.overlay.yaml'), join(folder, 'first.yaml'));
    const run = await runIn('order', { 'second.yaml': second }, [
      'generate',
      '--spec',
      'zoo.yaml',
      '--overlay',
      'first.yaml',
      '--overlay',
      'second.yaml',
      '--out',
      'out',
    ]);
    expect(run.code).toBe(0);
    expect(await readFile(join(folder, 'out/src/requests.ts'), 'utf8')).toContain(
      `headers: { 'X-Trace': 'create', 'Zoo-Beta': 'animals=v9' }`,
    );
    const reversed = await runCli(
      [
        'generate',
        '--spec',
        'zoo.yaml',
        '--overlay',
        'second.yaml',
        '--overlay',
        'first.yaml',
        '--base-url-env',
        'FLAG_URL',
        '--out',
        'out',
      ],
      folder,
    );
    expect(reversed.code).toBe(0);
    expect(await readFile(join(folder, 'out/src/requests.ts'), 'utf8')).toContain(
      `headers: { 'X-Trace': 'create', 'Zoo-Beta': 'animals=v3' }`,
    );
    expect(await readFile(join(folder, 'out/src/client.ts'), 'utf8')).toContain("baseURLEnv: 'FLAG_URL'"); // the flag over the overlay's ZOO_URL
  });

  it('sdkgen diff --overlay applies the overlay to both specs: changes are named as the overlaid client names them', async () => {
    const folder = join(work, 'diff');
    await mkdir(folder, { recursive: true });
    const before = await readFile(join(FIXTURES, 'zoo.yaml'), 'utf8');
    await writeFile(join(folder, 'old.yaml'), before);
    await writeFile(
      join(folder, 'new.yaml'),
      before.replace('      operationId: getHealth\n', '      operationId: getHealth\n      deprecated: true\n'),
    );
    await cp(join(FIXTURES, 'zoo.overlay.yaml'), join(folder, 'o.yaml'));
    const plain = await runCli(['diff', 'old.yaml', 'new.yaml'], folder);
    const overlaid = await runCli(['diff', 'old.yaml', 'new.yaml', '--overlay', 'o.yaml'], folder);
    expect(plain.code).toBe(0);
    expect(overlaid.code).toBe(0);
    expect(plain.stdout).toContain('health.list');
    expect(overlaid.stdout).toContain('status.check');
    expect(overlaid.stdout).not.toContain('health.list');
  });

  it('--watch regenerates when an overlay file changes', async () => {
    const folder = join(work, 'watch');
    await cp(join(FIXTURES, 'zoo.yaml'), join(folder, 'zoo.yaml'));
    await cp(join(FIXTURES, 'zoo.overlay.yaml'), join(folder, 'o.yaml'));
    const watch = watchCli(['generate', '--watch', '--spec', 'zoo.yaml', '--overlay', 'o.yaml', '--out', 'out'], folder);
    let exited: Promise<number>;
    try {
      await watch.waitFor(/watching zoo\.yaml, o\.yaml/);
      const mark = watch.output().length;
      const text = await readFile(join(folder, 'o.yaml'), 'utf8');
      await writeFile(join(folder, 'o.yaml'), text.replace('X-Trace: create', 'X-Trace: created'));
      await watch.waitFor(/changed: o\.yaml[\s\S]*written/, mark);
      expect(await readFile(join(folder, 'out/src/requests.ts'), 'utf8')).toContain(`'X-Trace': 'created'`);
    } finally {
      exited = watch.stop();
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
