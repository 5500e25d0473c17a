// `sdkgen diff --api` over real generated packages: test/fixtures/api-diff/old.yaml and new.yaml
// are generated into temp folders and compared (a schema renamed by x-sdk-name, a method renamed
// by x-sdk-method, optional query parameters added, a property removed, an enum value added, a
// doc change); then one pair of hand-written packages with one declaration per rule; then the
// command's flags, and --write-version on JSON and YAML config files.
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CHANGE_KINDS } from '../../generator/diff/api-change-kinds.js';
import { diffPackages, type ApiDiff } from '../../generator/diff/diff-api.js';
import { runDiffCommand } from '../../generator/diff/diff-command.js';
import { diffSpecs } from '../../generator/diff/diff-specs.js';
import { renderDiff } from '../../generator/diff/render-diff.js';
import { generate } from '../../generator/pipeline.js';

const FIXTURE = 'test/fixtures/api-diff';
let work: string;
let generated: ApiDiff;
let rules: ApiDiff;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'sdkgen-api-diff-'));
  await Promise.all(['old', 'new'].map((side) => generate({ spec: `${FIXTURE}/${side}.yaml`, out: join(work, side) })));
  for (const [side, text] of Object.entries(RULE_PACKAGES)) {
    await mkdir(join(work, 'rules', side, 'src'), { recursive: true });
    await writeFile(join(work, 'rules', side, 'src', 'index.ts'), text);
    await writeFile(
      join(work, 'rules', side, 'package.json'),
      JSON.stringify({ name: 'rules', version: side === 'old' ? '0.3.1' : '0.4.0' }),
    );
  }
  [generated, rules] = await Promise.all([
    diffPackages('old', 'new', { cwd: work }),
    diffPackages(join(work, 'rules', 'old'), join(work, 'rules', 'new', 'src')),
  ]);
}, 120_000);
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

const summary = (diff: ApiDiff) => diff.changes.map((change) => [change.kind, change.severity, change.subject]);

describe('two generated packages', () => {
  it('reports a renamed export as breaking: the schema renamed with x-sdk-name, and its validator with it', () => {
    const renamed = generated.changes.filter((change) => change.kind === 'export-renamed');
    expect(renamed.map((change) => [change.severity, change.message])).toEqual([
      ['breaking', '`Gadget` was renamed to `Gizmo` (the same type): imports of `Gadget` no longer resolve.'],
      ['breaking', '`validators/Gadget` was renamed to `validators/Gizmo` (the same constant): imports of `Gadget` no longer resolve.'],
      ['breaking', '`widgetsDelete` was renamed to `widgetsRemove` (the same function): imports of `widgetsDelete` no longer resolve.'],
    ]);
    // located in both packages' sources, as given (relative to cwd)
    expect(renamed[0]!.location).toEqual({
      old: { file: 'old/src/types.ts', line: 5, column: 18, pointer: '' },
      new: { file: 'new/src/types.ts', line: 5, column: 18, pointer: '' },
    });
  });

  it('classifies every change of the pair, and the bump', () => {
    expect(summary(generated)).toEqual([
      ['export-renamed', 'breaking', 'Gadget'],
      ['export-renamed', 'breaking', 'validators/Gadget'],
      ['property-removed', 'breaking', 'Widget.legacy_code'],
      ['member-renamed', 'breaking', 'Widgets.delete'],
      ['parameter-inserted', 'breaking', 'Widgets.retrieve(query)'],
      ['export-renamed', 'breaking', 'widgetsDelete'],
      ['parameter-inserted', 'breaking', 'widgetsRetrieve(query)'],
      ['suggested-value-added', 'feature', 'Color'],
      ['export-added', 'feature', 'GetWidgetQueryParams'],
      ['property-added-optional', 'feature', 'ListWidgetsQueryParams.color'],
      ['property-added-optional', 'feature', 'requests/GetWidgetInput.query'],
      ['export-added', 'feature', 'validators/validateGetWidgetQueryParams'],
      ['property-added-optional', 'feature', 'WidgetCreateParams.tags'],
      ['doc-changed', 'fix', 'Widget.name'],
    ]);
    expect(generated.bump).toBe('major');
    expect(generated.old).toEqual({ file: 'old', title: 'widgets-client', version: '1.4.0', packageVersion: '1.4.0' });
  });

  it('sees what the spec diff cannot: the optional query parameter moves `options`, so existing calls break', async () => {
    const specDiff = await diffSpecs(`${FIXTURE}/old.yaml`, `${FIXTURE}/new.yaml`);
    const added = specDiff.changes.find(
      (change) => change.message === 'Added the optional query parameter `expand` to `client.widgets.retrieve`.',
    );
    expect([added?.kind, added?.severity]).toEqual(['parameter-added-optional', 'feature']);
    const inserted = generated.changes.find((change) => change.subject === 'Widgets.retrieve(query)')!;
    expect(inserted.message).toBe(
      '`Widgets.retrieve` has a new optional parameter `query` before `options`: calls passing `options` now pass it as `query`.',
    );
  });

  it('finds no change between a package and itself', async () => {
    const same = await runCommand(['--api', 'old', join(work, 'old', 'src')], work);
    expect(same).toEqual({ code: 0, stdout: 'No changes that affect the generated client.\n\nImplies no version bump.\n', stderr: '' });
  });
});

/** One declaration per rule; `Req` is only passed in, `Res` only returned, `Shared` both. */
const RULE_PACKAGES = {
  old: `
export interface Req { a: string; b?: number; c: string; gone: string; n: string | number; w: string; t: string }
export interface Res { a: string; b?: number; c: string; gone: string; n: string; w: string | number }
export interface Shared { s: string }
export interface Loose { v: string }
export type Mode = 'a' | 'b';
export type Kind = 'x' | 'y' | 'z';
export type Model = 'm1' | (string & {});
export type Voice = 'v1' | 'v2' | (string & {});
export interface Holder { mode: Mode; kind: Kind; model: Model; voice: Voice }
export declare function send(req: Req, shared: Shared): Res;
export declare function echo(shared: Shared): Shared;
export declare function read(): Holder;
export declare function f1(a: string): void;
export declare function f2(a: string): void;
export declare function f3(a: string, b?: number): void;
export declare function f4(a?: string): void;
export declare function f5(a: string): void;
export declare function f6(id: string, options?: { timeout: number }): void;
export declare function f7(a: string): void;
export declare function f7(a: number): void;
export declare function f8(a: string): void;
export declare class Service {
  get(id: string): Res;
  old(): void;
  stop(reason: string, force: boolean): void;
  protected hidden(): void;
}
export declare const legacy: number;
export declare class Thing {}
export interface OldName { q: string; r: number }
export interface Alpha { a: string }
/** Sends a thing. */
export declare function documented(): void;
export declare function aging(): void;
`,
  new: `
export interface Req { a: string; b: number; c?: string; n: string; w: string | number; t: number; d: string; e?: string }
export interface Res { a: string; b: number; c?: string; n: string | number; w: string; d: string }
export interface Shared { s: string; u: string }
export interface Loose { v: string | null }
export type Mode = 'a' | 'b' | 'c';
export type Kind = 'x' | 'y';
export type Model = 'm1' | 'm2' | (string & {});
export type Voice = 'v1' | (string & {});
export interface Holder { mode: Mode; kind: Kind; model: Model; voice: Voice }
export declare function send(req: Req, shared: Shared): Res;
export declare function echo(shared: Shared): Shared;
export declare function read(): Holder;
export declare function f1(a: string, b?: number): void;
export declare function f2(a: string, b: number): void;
export declare function f3(a: string): void;
export declare function f4(a: string): void;
export declare function f5(a?: string): void;
export declare function f6(id: string, query?: { q: string }, options?: { timeout: number }): void;
export declare function f7(a: string): void;
export declare function f8(a: string): void;
export declare function f8(a: number): void;
export declare class Service {
  get(id: string): Res;
  renamed(): void;
  added(x: number): string;
  protected hidden(x: number): void;
}
export declare const fresh: string;
export interface Thing {}
export interface NewName { q: string; r: number }
export interface Beta { b: number }
/** Sends a thing, once. */
export declare function documented(): void;
/** @deprecated Use \`send\`. */
export declare function aging(): void;
`,
} as const;

describe('one rule per declaration', () => {
  it.each([
    // properties, by side: passed in (Req), received (Res), both (Shared, and Loose, which no signature uses)
    ['property-added-required', 'breaking', 'Req.d'],
    ['property-added-required', 'feature', 'Res.d'],
    ['property-added-required', 'breaking', 'Shared.u'],
    ['property-added-optional', 'feature', 'Req.e'],
    ['property-made-required', 'breaking', 'Req.b'],
    ['property-made-required', 'feature', 'Res.b'],
    ['property-made-optional', 'feature', 'Req.c'],
    ['property-made-optional', 'breaking', 'Res.c'],
    ['property-removed', 'breaking', 'Req.gone'],
    ['property-removed', 'breaking', 'Res.gone'],
    // types, by the checker's assignability
    ['type-narrowed', 'breaking', 'Req.n'],
    ['type-widened', 'feature', 'Req.w'],
    ['type-widened', 'breaking', 'Res.n'],
    ['type-narrowed', 'feature', 'Res.w'],
    ['type-changed', 'breaking', 'Req.t'],
    ['type-widened', 'breaking', 'Loose.v'],
    ['union-member-added', 'breaking', 'Mode'],
    ['union-member-removed', 'breaking', 'Kind'],
    ['suggested-value-added', 'feature', 'Model'],
    ['suggested-value-removed', 'fix', 'Voice'],
    // signatures
    ['parameter-added-optional', 'feature', 'f1(b)'],
    ['parameter-added-required', 'breaking', 'f2(b)'],
    ['parameter-removed', 'breaking', 'f3(b)'],
    ['parameter-made-required', 'breaking', 'f4(a)'],
    ['parameter-made-optional', 'feature', 'f5(a)'],
    ['parameter-inserted', 'breaking', 'f6(query)'],
    ['overload-removed', 'breaking', 'f7'],
    ['overload-added', 'feature', 'f8'],
    // classes: public members only
    ['member-renamed', 'breaking', 'Service.old'],
    ['member-added', 'feature', 'Service.added'],
    ['member-removed', 'breaking', 'Service.stop'],
    // exports
    ['export-removed', 'breaking', 'legacy'],
    ['export-added', 'feature', 'fresh'],
    ['export-kind-changed', 'breaking', 'Thing'],
    ['export-renamed', 'breaking', 'OldName'],
    ['export-removed', 'breaking', 'Alpha'],
    ['export-added', 'feature', 'Beta'],
    // docs
    ['doc-changed', 'fix', 'documented'],
    ['deprecated', 'feature', 'aging'],
  ] as const)('%s (%s): %s', (kind, severity, subject) => {
    const found = rules.changes.filter((change) => change.subject === subject && change.kind === kind);
    expect(found.map((change) => change.severity)).toEqual([severity]);
  });

  it('reports nothing else: unchanged declarations, protected members and same-named types used elsewhere are quiet', () => {
    expect(rules.changes).toHaveLength(39);
    expect(
      rules.changes.some(
        (change) => change.subject.startsWith('Service.hidden') || change.subject.startsWith('Holder') || change.subject.startsWith('send'),
      ),
    ).toBe(false);
  });

  it('exercises every change kind', () => {
    const seen = new Set([...rules.changes, ...generated.changes].map((change) => change.kind));
    expect(Object.keys(API_CHANGE_KINDS).filter((kind) => !seen.has(kind as keyof typeof API_CHANGE_KINDS))).toEqual([]);
  });
});

async function runCommand(args: readonly string[], cwd: string) {
  let stdout = '';
  let stderr = '';
  const code = await runDiffCommand(args, {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    color: false,
    cwd,
  });
  return { code, stdout, stderr };
}

describe('sdkgen diff --api', () => {
  it('prints markdown and JSON, and --fail-on exits 1 on the renamed export', async () => {
    const markdown = await runCommand(['--api', 'old', 'new', '--format', 'markdown', '--fail-on', 'breaking'], work);
    expect(markdown.code).toBe(1);
    expect(markdown.stdout).toMatch(
      /^## widgets-client 1\.4\.0 → 1\.5\.0\n\nImplies a \*\*major\*\* version bump\.\n\n### Breaking changes\n\n- `Gadget` was renamed to `Gizmo`/,
    );
    expect(markdown.stderr).toBe('sdkgen diff: 7 breaking changes found (--fail-on breaking).\n');
    const json = JSON.parse(renderDiff(generated, 'json'));
    expect(json.changes.find((change: { kind: string }) => change.kind === 'property-removed')).toEqual({
      kind: 'property-removed',
      severity: 'breaking',
      subject: 'Widget.legacy_code',
      message: 'The property `Widget.legacy_code` was removed.',
      location: { old: { file: 'old/src/types.ts', line: 16, column: 3 } },
    });
  });

  it('refuses a folder that is not a package, and a missing second package', async () => {
    expect(await runCommand(['--api', 'old', 'nowhere'], work)).toEqual({
      code: 2,
      stdout: '',
      stderr: 'sdkgen diff: Cannot read the package nowhere: no such folder. Pass the folder sdkgen generated (or its src/ folder).\n',
    });
    expect((await runCommand(['--api', 'old'], work)).stderr).toBe(
      'sdkgen diff: Expected two packages: sdkgen diff --api <old-package> <new-package> [--format text|markdown|json] [--fail-on breaking|feature|any] [--write-version <config>].\n',
    );
  });
});

describe('loading ts-morph', () => {
  it('happens for --api: with ts-morph made unresolvable it is an internal error, whose stack trace comes only with --debug', async () => {
    // a module hook that refuses to resolve ts-morph, registered before sdkgen starts
    const hook = join(work, 'no-ts-morph.mjs');
    const resolveHook =
      'export async function resolve(specifier, context, next) { if (specifier === "ts-morph") throw new Error("ts-morph was loaded"); return next(specifier, context); }';
    await writeFile(
      hook,
      `import { register } from 'node:module';\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(resolveHook)}`)});\n`,
    );
    const sdkgen = (...args: string[]) =>
      promisify(execFile)(process.execPath, ['--import', 'tsx', '--import', hook, 'generator/bin.ts', ...args]).then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
      );
    // (that generate runs under the same kind of hook is test/cli/run-time-deps.test.ts's)
    const [apiDiff, withoutDebug] = await Promise.all([
      sdkgen('diff', '--api', join(work, 'old'), join(work, 'new'), '--debug'),
      sdkgen('diff', '--api', join(work, 'old'), join(work, 'new')),
    ]);
    // the hook works: the API diff needs ts-morph, and says so
    expect(apiDiff.code).toBe(2);
    expect(apiDiff.stderr).toContain(
      'sdkgen diff: internal error: sdkgen diff --api needs the ts-morph package, which sdkgen depends on, and it could not be loaded: ts-morph was loaded',
    );
    // an internal error's stack trace only with --debug; without it, a pointer to --debug
    const stackLine = /^\s+at /m;
    expect(apiDiff.stderr).toMatch(stackLine);
    expect(apiDiff.stderr).not.toContain('Run again with --debug');
    expect(withoutDebug.code).toBe(2);
    expect(withoutDebug.stderr).toContain('Run again with --debug for the stack trace.');
    expect(withoutDebug.stderr).not.toMatch(stackLine);
  });
});

describe('--write-version', () => {
  it('bumps packageVersion in a YAML config, keeping its comments, and the next generation uses it', async () => {
    const dir = join(work, 'yaml-config');
    await mkdir(dir, { recursive: true });
    await cp(FIXTURE, join(dir, 'specs'), { recursive: true });
    const config =
      '# the widgets client\nspec: specs/new.yaml # vendored, never edited\nout: client\npackageVersion: "2.3.4" # what we published\n';
    await writeFile(join(dir, 'sdkgen.config.yaml'), config);
    const run = await runCommand(['specs/old.yaml', 'specs/new.yaml', '--write-version', 'sdkgen.config.yaml'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('sdkgen diff: packageVersion 2.3.4 -> 3.0.0 in sdkgen.config.yaml (a major bump).\n');
    expect(await readFile(join(dir, 'sdkgen.config.yaml'), 'utf8')).toBe(config.replace('"2.3.4"', '"3.0.0"'));
    const { main } = await import('../../generator/cli.js');
    expect(await main(['generate', '--quiet'], { stdout: () => {}, stderr: () => {}, color: false, cwd: dir })).toBe(0);
    const packageJson = JSON.parse(await readFile(join(dir, 'client', 'package.json'), 'utf8'));
    expect([packageJson.version, packageJson.description]).toEqual(['3.0.0', 'Manage widgets and their gadgets.']);
    expect(await readFile(join(dir, 'client', 'src', 'client.ts'), 'utf8')).toContain("packageVersion: '3.0.0'");
  });

  it("bumps from the old spec's info.version (as sdkgen makes it a package version) into a YAML config that has none, and never edits a spec", async () => {
    const dir = join(work, 'spec-version');
    await mkdir(join(dir, 'specs'), { recursive: true });
    // the old side's version differs from the new side's (1.5.0), and is not semver as written
    const oldSpec = (await readFile(`${FIXTURE}/old.yaml`, 'utf8')).replace('  version: 1.4.0\n', '  version: v3\n');
    expect(oldSpec).toContain('  version: v3\n');
    await writeFile(join(dir, 'specs', 'old.yaml'), oldSpec);
    await cp(`${FIXTURE}/new.yaml`, join(dir, 'specs', 'new.yaml'));
    const config = '# the widgets client\nspec: specs/new.yaml\nout: client\n';
    await writeFile(join(dir, 'sdkgen.config.yaml'), config);
    const specs = async () => Promise.all(['old', 'new'].map((side) => readFile(join(dir, 'specs', `${side}.yaml`))));
    const before = await specs();

    const run = await runCommand(['specs/old.yaml', 'specs/new.yaml', '--write-version', 'sdkgen.config.yaml'], dir);
    expect(run.code).toBe(0);
    // v3 -> 3.0.0, bumped for the breaking changes; not from the new spec's 1.5.0
    expect(run.stderr).toBe('sdkgen diff: packageVersion 3.0.0 -> 4.0.0 in sdkgen.config.yaml (a major bump).\n');
    expect(await readFile(join(dir, 'sdkgen.config.yaml'), 'utf8')).toBe(`${config}packageVersion: 4.0.0\n`);
    expect(await specs()).toEqual(before); // both specs byte for byte
  });

  it("bumps from the old spec's x-sdk.packageVersion, the version its package had, where info.version is the API's", async () => {
    const dir = join(work, 'sdk-version');
    await mkdir(join(dir, 'specs'), { recursive: true });
    // a dated API version beside the package's own: the package was 2.3.4, not 0.x
    const oldSpec = (await readFile(`${FIXTURE}/old.yaml`, 'utf8'))
      .replace('  version: 1.4.0\n', "  version: '2024-05-01'\n")
      .replace('  x-sdk:\n', '  x-sdk:\n    packageVersion: 2.3.4\n');
    expect(oldSpec).toContain('packageVersion: 2.3.4');
    await writeFile(join(dir, 'specs', 'old.yaml'), oldSpec);
    await cp(`${FIXTURE}/new.yaml`, join(dir, 'specs', 'new.yaml'));
    await writeFile(join(dir, 'sdkgen.config.json'), '{ "spec": "specs/new.yaml" }\n');
    const run = await runCommand(['specs/old.yaml', 'specs/new.yaml', '--write-version', 'sdkgen.config.json'], dir);
    expect(run.stderr).toBe('sdkgen diff: packageVersion 2.3.4 -> 3.0.0 in sdkgen.config.json (a major bump).\n');
    // the report's 0.x note reads the package's version too: 2.3.4 is no 0.x version
    expect(run.stdout).not.toContain('0.x');
  });

  it('bumps from the old package version into a JSON config that has none; for 0.x a breaking change bumps the minor', async () => {
    const config = join(work, 'sdkgen.config.json');
    await writeFile(config, '{\n    "spec": "openapi.yaml"\n}\n');
    const run = await runCommand(['--api', join(work, 'rules', 'old'), join(work, 'rules', 'new'), '--write-version', config], work);
    expect(run.stderr).toBe(
      'sdkgen diff: packageVersion 0.3.1 -> 0.4.0 in sdkgen.config.json (a major change; for 0.x versions that is a minor bump).\n',
    );
    expect(await readFile(config, 'utf8')).toBe('{\n    "spec": "openapi.yaml",\n    "packageVersion": "0.4.0"\n}\n');
  });

  it('leaves the file alone when nothing changed, and refuses a version that is not semver', async () => {
    const config = join(work, 'same.config.json');
    const spec = (side: string) => join(process.cwd(), FIXTURE, `${side}.yaml`);
    await writeFile(config, '{ "packageVersion": "1.2.3" }');
    const same = await runCommand([spec('old'), spec('old'), '--write-version', 'same.config.json'], work);
    expect(same.stderr).toBe('sdkgen diff: packageVersion stays 1.2.3: no change needs a new version (same.config.json is unchanged).\n');
    expect(await readFile(config, 'utf8')).toBe('{ "packageVersion": "1.2.3" }');
    await writeFile(config, '{ "packageVersion": "v2" }');
    const refused = await runCommand([spec('old'), spec('new'), '--write-version', 'same.config.json'], work);
    expect([refused.code, refused.stderr.split('\n').at(-2)]).toEqual([
      2,
      'sdkgen diff: same.config.json: "packageVersion" "v2" is not a semantic version (major.minor.patch); fix it and run again.',
    ]);
  });
});
