// The generated package's description and version follow the spec (or the config's
// packageVersion), and the bump `sdkgen diff --write-version` applies.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecError, UsageError } from '../../generator/diagnostics/diagnostic.js';
import { bumpVersion } from '../../generator/diff/write-version.js';
import { packageDescription } from '../../generator/model/package-info.js';
import { generate } from '../../generator/pipeline.js';

let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function specFile(info: readonly string[]): Promise<string> {
  work ??= await mkdtemp(join(tmpdir(), 'sdkgen-package-version-'));
  const file = join(work, `spec-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, `openapi: 3.1.0\ninfo:\n${info.map((line) => `  ${line}`).join('\n')}\npaths: {}\n`);
  return file;
}

async function packageJson(
  info: readonly string[],
  options: { packageVersion?: string } = {},
): Promise<{ version: string; description: string }> {
  const { files } = await generate({ spec: await specFile(info), write: false, ...options });
  return JSON.parse(files.find((file) => file.path === 'package.json')!.text);
}

describe('description', () => {
  it.each([
    [{ summary: 'Manage widgets.', description: 'Long text.' }, 'Manage widgets.'],
    [{ description: 'Stores widgets. See the guide for more.' }, 'Stores widgets.'],
    [
      { description: 'The **Widgets** API, see [the guide](https://x.example/g) and `GET /w`. More.' },
      'The Widgets API, see the guide and GET /w.',
    ],
    [{ description: '# Widgets\n\nThe first paragraph only.\n\nThe second.' }, 'Widgets'],
    [{ description: 'Uses e.g. widgets and gadgets, i.e. things. Then more.' }, 'Uses e.g. widgets and gadgets, i.e. things.'],
    [{ description: 'Version 1.2 of the API is current. Next.' }, 'Version 1.2 of the API is current.'],
    [{ description: 'A <b>bold</b> claim' }, 'A bold claim'],
    [{ description: `${'word '.repeat(60)}end.` }, `${'word '.repeat(39).trim()}…`],
    [{ description: '   ' }, 'A client for the Widgets API.'],
    [{}, 'A client for the Widgets API.'],
  ])('%j -> %j', (info, expected) => {
    expect(packageDescription(info, 'Widgets API')).toBe(expected);
  });

  it('is what package.json says', async () => {
    expect(
      (await packageJson(['title: Widgets API', 'version: 1.0.0', 'summary: Manage *widgets*.', 'description: Ignored.'])).description,
    ).toBe('Manage widgets.');
  });
});

describe('version', () => {
  it('is info.version, or x-sdk.packageVersion, or the config packageVersion (which wins)', async () => {
    const info = ['title: Widgets API', 'version: 2024-01-01'];
    expect((await packageJson(info)).version).toBe('0.0.0');
    const withSdk = [...info, 'x-sdk:', '  packageVersion: 3.1.0'];
    expect((await packageJson(withSdk)).version).toBe('3.1.0');
    expect((await packageJson(withSdk, { packageVersion: '4.0.0-rc.1' })).version).toBe('4.0.0-rc.1');
  });

  it('refuses a packageVersion that is not semver: located in the spec, a usage error from the config', async () => {
    const error = await generate({
      spec: await specFile(['title: T', 'version: 1.0.0', 'x-sdk:', '  packageVersion: v2']),
      write: false,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics.map((d) => [d.code, d.at.pointer, d.message])).toEqual([
      [
        'model/invalid-extension',
        '/info/x-sdk/packageVersion',
        '`x-sdk.packageVersion` "v2" is not a semantic version (major.minor.patch, e.g. `1.4.0`).',
      ],
    ]);
    await expect(generate({ spec: await specFile(['title: T', 'version: 1.0.0']), write: false, packageVersion: '2' })).rejects.toThrow(
      new UsageError('packageVersion in the config file "2" is not a semantic version (major.minor.patch, e.g. `1.4.0`).'),
    );
  });
});

describe('bumpVersion', () => {
  it.each([
    ['1.4.2', 'major', '2.0.0'],
    ['1.4.2', 'minor', '1.5.0'],
    ['1.4.2', 'patch', '1.4.3'],
    ['1.4.2', 'none', '1.4.2'],
    ['0.4.2', 'major', '0.5.0'],
    ['0.4.2', 'minor', '0.4.3'],
    ['0.4.2', 'patch', '0.4.3'],
    ['1.2.0-beta.1', 'patch', '1.2.1'],
    ['2.0.0+build.7', 'minor', '2.1.0'],
  ] as const)('%s + %s = %s', (version, bump, expected) => {
    expect(bumpVersion(version, bump)).toBe(expected);
  });

  it('refuses a version that is not semver', () => {
    expect(() => bumpVersion('1.2', 'patch')).toThrow('Cannot bump the version "1.2": it is not a semantic version (major.minor.patch).');
  });
});
