// sdkgen as a user gets it: `npm pack` of the project, installed from the tarball into a fresh
// project, started through its bin (node_modules/.bin/sdkgen, a symlink) with `npx`. Also the
// determinism of that installed CLI: no environment variable, locale, time zone, working
// directory or stray prettier/editor config changes a single byte of the output.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIMES, requireRuntime } from '../multi-runtime/support/runtimes.js';
import { snapshotDir } from '../support/snapshot-dir.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Not copied into the folder that is packed: installs, build output, VCS. */
const NOT_COPIED = new Set(['node_modules', '.git', 'dist', 'coverage', '.tmp']);

interface Run {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface PackedFile {
  readonly path: string;
  readonly mode: number;
}

let work: string;
let project: string;
let installed: string;
let packedFiles: readonly PackedFile[];
let installedBefore: Map<string, string>;

/**
 * The machine's environment minus what npm puts there for the test run itself (npm_package_*,
 * npm_lifecycle_*, INIT_CWD), which would make the child npm think it runs inside this repo.
 */
function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle|config_local_prefix|command|execpath|node_execpath)/i.test(name) || name === 'INIT_CWD') continue;
    env[name] = value;
  }
  env['NO_COLOR'] = '1';
  for (const [name, value] of Object.entries(extra)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}

function run(command: string, args: readonly string[], cwd: string, env = cleanEnv()): Promise<Run> {
  return new Promise((done) => {
    execFile(command, [...args], { cwd, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
      done({ code, stdout, stderr });
    });
  });
}

/** `npx sdkgen …`: the installed bin (npm_config_yes=false: never a download from the registry). */
function npxSdkgen(args: readonly string[], cwd = project): Promise<Run> {
  return run('npx', ['sdkgen', ...args], cwd, cleanEnv({ npm_config_yes: 'false' }));
}

/** node_modules/.bin/sdkgen, the symlink npm made, started directly (no npx in between). */
function binSdkgen(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return run(join(project, 'node_modules/.bin/sdkgen'), args, cwd, env);
}

function mustSucceed(what: string, result: Run): Run {
  if (result.code !== 0) throw new Error(`${what} failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

const PETSTORE = `openapi: 3.1.0
info:
  title: Petstore
  version: 1.0.0
servers:
  - url: https://petstore.example.com/v1
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - name: limit
          in: query
          schema: { type: integer, minimum: 1, maximum: 100 }
      responses:
        '200':
          description: The pets.
          content:
            application/json:
              schema: { type: array, items: { $ref: '#/components/schemas/Pet' } }
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/NewPet' }
      responses:
        '201':
          description: The new pet.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
  /pets/{petId}:
    get:
      operationId: getPet
      parameters:
        - name: petId
          in: path
          required: true
          schema: { type: string }
      responses:
        '200':
          description: The pet.
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
components:
  schemas:
    NewPet:
      type: object
      required: [name]
      properties:
        name: { type: string, minLength: 1 }
        tag: { type: string }
    Pet:
      allOf:
        - $ref: '#/components/schemas/NewPet'
        - type: object
          required: [id]
          properties:
            id: { type: string }
`;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-install-'));
  // Pack a copy: packing builds dist/ (prepack cleans it first), and the working tree's dist/
  // may be in use by other runs. The copy is the tree as it is, untracked files included.
  const source = join(work, 'source');
  await cp(REPO_ROOT, source, { recursive: true, filter: (path) => path === REPO_ROOT || !NOT_COPIED.has(basename(path)) });
  await symlink(join(REPO_ROOT, 'node_modules'), join(source, 'node_modules'), 'dir');
  const packed = mustSucceed('npm pack', await run('npm', ['pack', '--json', '--pack-destination', work], source));
  const [manifest] = JSON.parse(packed.stdout) as { filename: string; files: PackedFile[] }[];
  packedFiles = manifest!.files;

  project = join(work, 'project');
  await mkdir(project);
  await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }, null, 2));
  mustSucceed(
    'npm install of the tarball',
    await run('npm', ['install', '--no-audit', '--no-fund', join(work, manifest!.filename)], project),
  );
  installed = join(project, 'node_modules', 'sdkgen');
  installedBefore = await snapshotDir(installed);
  await writeFile(join(project, 'petstore.yaml'), PETSTORE);
}, 300_000);

afterAll(async () => {
  if (work !== undefined) await rm(work, { recursive: true, force: true });
});

describe('the packed tarball', () => {
  it('holds the bundled CLI and the templates, and none of the repository around them', () => {
    const paths = packedFiles.map((file) => file.path);
    expect(paths).toContain('dist/sdkgen.mjs');
    expect(paths).toContain('templates/package.json.hbs');
    expect(paths).toContain('templates/runtime/core.ts');
    // the README's example overlay ships, so `--overlay node_modules/sdkgen/examples/…` works
    expect(paths).toContain('examples/openai.overlay.yaml');
    expect(paths.filter((path) => !/^(dist|templates|examples)\//.test(path)).sort()).toEqual(['README.md', 'package.json']);
    for (const folder of ['test/', 'bench/', 'generated/', 'spec/', 'generator/', 'node_modules/'])
      expect(paths.filter((path) => path.startsWith(folder))).toEqual([]);
  });

  it('has an executable bin with a node shebang', async () => {
    const bin = packedFiles.find((file) => file.path === 'dist/sdkgen.mjs')!;
    expect(bin.mode & 0o111).toBe(0o111);
    expect((await readFile(join(installed, 'dist/sdkgen.mjs'), 'utf8')).split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  it('installs without the repository postinstall doing anything (no test runtimes)', async () => {
    expect(await readdir(project)).not.toContain('test');
    expect((await readdir(installed)).filter((name) => name !== 'node_modules').sort()).toEqual([
      'README.md',
      'dist',
      'examples',
      'package.json',
      'templates',
    ]);
  });
});

// generous: each run is a real process, and the CI machine's two cores are shared
describe('npx sdkgen, installed from the tarball', { timeout: 180_000 }, () => {
  it('--help exits 0 and prints the usage', async () => {
    const result = await npxSdkgen(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Usage:');
    expect(result.stdout).toContain('sdkgen generate [options]');
  });

  it('generates a client from a spec in the project, into the project', async () => {
    const result = await npxSdkgen(['generate', '--spec', 'petstore.yaml', '--out', 'client']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/sdkgen: \d+ files written/);
    expect(await readFile(join(project, 'client/src/index.ts'), 'utf8')).toContain('Generated by sdkgen');
    expect(await readFile(join(project, 'client/src/client.ts'), 'utf8')).toMatch(/listPets|list\(/);
  });

  // Each OpenAPI version's precompiled meta-schema check is its own chunk; 3.0's loads ajv's
  // helpers with require() from the installed package.
  it.each(['3.0.3', '3.1.0', '3.2.0'])('checks an OpenAPI %s spec against its meta-schema, and says what is wrong', async (version) => {
    const spec = `openapi-${version}.yaml`;
    await writeFile(join(project, spec), PETSTORE.replace('openapi: 3.1.0', `openapi: ${version}`));
    const valid = await npxSdkgen(['generate', '--spec', spec, '--out', `client-${version}`]);
    expect(valid.stderr).toBe('');
    expect(valid.code).toBe(0);
    await writeFile(join(project, spec), PETSTORE.replace('openapi: 3.1.0', `openapi: ${version}`).replace('  version: 1.0.0\n', ''));
    const invalid = await npxSdkgen(['generate', '--spec', spec, '--out', `client-${version}-invalid`]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toContain('error[validate/schema] Missing required key `version` in `/info`.');
    expect(await readdir(project)).not.toContain(`client-${version}-invalid`);
  });

  it('--check exits 0 when the client is current and 1 after a spec edit, writing nothing', async () => {
    const current = await npxSdkgen(['generate', '--spec', 'petstore.yaml', '--out', 'client', '--check']);
    expect(current.code).toBe(0);
    expect(current.stdout).toContain('client is current with petstore.yaml');

    await writeFile(
      join(project, 'petstore.yaml'),
      PETSTORE.replace('tag: { type: string }', 'tag: { type: string }\n        age: { type: integer }'),
    );
    const before = await snapshotDir(join(project, 'client'));
    const stale = await npxSdkgen(['generate', '--spec', 'petstore.yaml', '--out', 'client', '--check']);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('client is not current with petstore.yaml');
    expect(stale.stderr).toContain('changed: src/types.ts');
    expect(await snapshotDir(join(project, 'client'))).toEqual(before);
    await writeFile(join(project, 'petstore.yaml'), PETSTORE);
  });

  it('names the flag it does not know and the one that was meant (exit 2)', async () => {
    const result = await npxSdkgen(['generate', '--specs', 'petstore.yaml', '--out', 'client']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('sdkgen: unknown option `--specs`; did you mean `--spec`? Run `sdkgen --help` for the options.\n');
    const diff = await npxSdkgen(['diff', 'petstore.yaml', 'petstore.yaml', '--fromat', 'json']);
    expect(diff.code).toBe(2);
    expect(diff.stderr).toContain('unknown option `--fromat`; did you mean `--format`?');
  });

  it('says which value a flag lacks (exit 2)', async () => {
    const result = await npxSdkgen(['generate', '--spec']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('`--spec` needs a value: --spec <file>');
  });

  it('a bare `sdkgen generate` in a folder without a spec exits 2, says what to do, and writes nothing', async () => {
    const empty = join(project, 'empty');
    await mkdir(empty);
    const projectBefore = await readdir(project);
    const result = await npxSdkgen(['generate'], empty);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No spec to generate from');
    expect(result.stderr).toContain('Pass --spec <file>, or add a sdkgen.config.json');
    expect(await readdir(empty)).toEqual([]);
    expect(await readdir(project)).toEqual(projectBefore);
    // and not in the installed package either: its generated/ would have been the default
    expect(await readdir(installed)).not.toContain('generated');
  });

  it('refuses an output folder inside (or around) the installed sdkgen package', async () => {
    for (const out of ['node_modules/sdkgen/generated', 'node_modules/sdkgen', 'node_modules']) {
      const result = await npxSdkgen(['generate', '--spec', 'petstore.yaml', '--out', out]);
      expect(result.code, out).toBe(2);
      expect(result.stderr, out).toContain('the installed sdkgen package');
    }
  });

  it('runs on every Node major it claims in engines (22 and 24 beside the machine\u2019s)', async (context) => {
    for (const runtime of [RUNTIMES.node22, RUNTIMES.node24]) {
      const node = requireRuntime(context, runtime);
      // the bin's `#!/usr/bin/env node` finds the first node on PATH
      const env = cleanEnv({ PATH: `${dirname(node)}:${process.env['PATH'] ?? ''}` });
      const out = `client-${runtime.name.replace(/\W+/g, '')}`;
      const result = await binSdkgen(['generate', '--spec', 'petstore.yaml', '--out', out, '--quiet'], project, env);
      expect(result, runtime.name).toEqual({ code: 0, stdout: '', stderr: '' });
      // the node that `#!/usr/bin/env node` found under that PATH: this runtime, not the machine's
      const version = await run('env', ['node', '--version'], project, env);
      expect(version.stdout, runtime.name).toMatch(runtime.name === 'node 22' ? /^v22\./ : /^v24\./);
    }
  });

  it('left the installed package exactly as it was installed', async () => {
    expect(await snapshotDir(installed)).toEqual(installedBefore);
  });
});

describe('determinism of the installed CLI', () => {
  /**
   * Schema and operation names whose order differs between code-unit order and the collation
   * of the locales below (Czech sorts "ch" after "h"; most locales ignore case first).
   */
  const COLLATION = `openapi: 3.1.0
info:
  title: Collation
  version: 1.0.0
paths:
${['alpha', 'Beta', 'chalk', 'czar', 'hotel', 'Vase', 'wagon', 'Zulu', 'zeta']
  .map(
    (name) => `  /${name.toLowerCase()}:
    get:
      operationId: get_${name}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/${name}' }`,
  )
  .join('\n')}
components:
  schemas:
${['alpha', 'Beta', 'chalk', 'czar', 'hotel', 'Vase', 'wagon', 'Zulu', 'zeta']
  .map(
    (name) => `    ${name}:
      type: object
      required: [${name}_id]
      properties:
        ${name}_id: { type: string, enum: [Ärger, apple, Zebra, chuck, cz] }
        nested: { type: object, properties: { inner: { type: array, items: { type: integer } } } }`,
  )
  .join('\n')}
`;

  it('gives byte-identical trees whatever the environment, locale, time zone or working directory', async () => {
    await cp(join(REPO_ROOT, 'spec/chatkit-sessions.yaml'), join(project, 'chatkit.yaml'));
    await writeFile(join(project, 'collation.yaml'), COLLATION);
    // a working directory of its own, holding configs that a formatter might pick up
    const elsewhere = join(project, 'elsewhere', 'deeper');
    await mkdir(elsewhere, { recursive: true });
    for (const dir of [elsewhere, dirname(elsewhere)]) {
      await writeFile(
        join(dir, '.prettierrc'),
        JSON.stringify({ useTabs: true, printWidth: 20, semi: false, singleQuote: false, endOfLine: 'crlf' }),
      );
      await writeFile(join(dir, '.editorconfig'), 'root = true\n[*]\nindent_style = tab\nend_of_line = crlf\n');
    }
    const scrambled = cleanEnv({
      LANG: 'tr_TR.UTF-8',
      LC_ALL: 'cs_CZ.UTF-8',
      LC_COLLATE: 'sv_SE.UTF-8',
      LANGUAGE: 'ja_JP',
      TZ: 'Pacific/Chatham',
      INL: '0',
      SDKGEN_THREADS: '0',
      NODE_OPTIONS: undefined,
      FORCE_COLOR: '3',
      NO_COLOR: undefined,
      CI: 'true',
      HOME: elsewhere,
    });
    for (const spec of ['chatkit.yaml', 'collation.yaml']) {
      const normal = join(project, `normal-${spec}`);
      const odd = join(elsewhere, `odd-${spec}`);
      mustSucceed(`normal run on ${spec}`, await binSdkgen(['generate', '--spec', spec, '--out', normal, '--quiet'], project, cleanEnv()));
      mustSucceed(
        `scrambled run on ${spec}`,
        await binSdkgen(['generate', '--spec', `../../${spec}`, '--out', `odd-${spec}`, '--quiet'], elsewhere, scrambled),
      );
      const a = await contents(normal);
      const b = await contents(odd);
      expect([...b.keys()]).toEqual([...a.keys()]);
      for (const [path, text] of a) expect(b.get(path), `${spec}: ${path}`).toBe(text);
    }
    // what CI does: --check, in another environment, of an output generated in the usual one
    const check = await binSdkgen(
      ['generate', '--spec', '../../chatkit.yaml', '--out', join(project, 'normal-chatkit.yaml'), '--check'],
      elsewhere,
      scrambled,
    );
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
  }, 600_000);
});

/** Every file's bytes (as latin1, so any byte difference shows), by path, in path order. */
async function contents(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();
  return new Map(await Promise.all(files.map(async (path) => [path, await readFile(join(dir, path), 'latin1')] as const)));
}
