// The package's identity (npm name, version, client name, environment variables) reaches
// package.json, code and the `x-sdkgen-client` header: every value is checked where it is read,
// and spec text reaches docs and Markdown only through escape.ts.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecError, UsageError } from '../../generator/diagnostics/diagnostic.js';
import { doc, docComment, jsDoc, markdownCode, markdownText } from '../../generator/emit/escape.js';
import { clientNameProblem, envNameProblem, npmNameProblem, packageOf, packageVersion } from '../../generator/model/package-info.js';
import { generate } from '../../generator/pipeline.js';
import { runCli } from '../support/cli.js';

let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

async function specFile(info: string): Promise<string> {
  work ??= await mkdtemp(join(tmpdir(), 'sdkgen-identity-'));
  const file = join(work, `spec-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, `openapi: 3.1.0\ninfo:\n${info}\npaths: {}\n`);
  return file;
}

describe('package identity', () => {
  it.each([
    ['1.2.3', '1.2.3'],
    ['1.0.0-beta.1+build.5', '1.0.0-beta.1+build.5'],
    ['v1', '1.0.0'],
    ['2.1', '2.1.0'],
    ['V3.04', '3.4.0'],
    ['2019-10-01-preview', '0.0.0'],
    ['Live', '0.0.0'],
    ['1.0.0\r\nX-Injected: 1', '0.0.0'],
    ['01.2.3', '1.2.3'],
    ['1.2.3.4', '0.0.0'],
  ])('info.version %j is package version %j', (version, expected) => {
    expect(packageVersion(version)).toBe(expected);
  });

  it('names from the title alone: OpenAI\'s "OpenAI API" reads OPEN_AI_API_KEY (the README\'s reason for the OpenAI overlay)', () => {
    const identity = packageOf(
      { openapi: '3.1.0', info: { title: 'OpenAI API', version: '2.3.0' }, servers: [{ url: 'https://api.openai.com/v1' }] },
      (pointer) => ({ file: 'openai.yaml', line: 1, column: 1, pointer }),
      {},
      () => {},
    );
    expect([identity.apiKeyEnv, identity.baseURLEnv, identity.clientName.text, identity.name]).toEqual([
      'OPEN_AI_API_KEY',
      'OPEN_AI_BASE_URL',
      'OpenAIClient',
      'open-ai-client',
    ]);
  });

  it('accepts npm names and refuses what npm refuses', () => {
    for (const name of ['acme-client', '@acme/client', 'a.b_c-d', 'x'.repeat(214)]) expect(npmNameProblem(name), name).toBeUndefined();
    for (const name of [
      '',
      'Acme',
      'a b',
      '.hidden',
      '_under',
      '@a/b/c',
      "a'b",
      'a\nb',
      'x'.repeat(215),
      'node_modules',
      '@acme/.x',
      'café',
    ])
      expect(npmNameProblem(name), name).toBeDefined();
  });

  it('accepts identifiers for the client and environment names, nothing else', () => {
    for (const name of ['AcmeClient', '$Client', '_c']) expect(clientNameProblem(name), name).toBeUndefined();
    for (const name of ['a-b', '1Client', 'class', 'ClientCore', 'Promise', 'X*/ static {}'])
      expect(clientNameProblem(name), name).toBeDefined();
    for (const name of ['OPENAI_API_KEY', '_K', 'k1']) expect(envNameProblem(name), name).toBeUndefined();
    for (const name of ['1K', 'A-B', 'URL*/ static { (globalThis as any).PWN = 1 } /*', ''])
      expect(envNameProblem(name), name).toBeDefined();
  });

  it('refuses a bad x-sdk value with a located model/invalid-extension, and warns about an unknown key', async () => {
    const file = await specFile(
      [
        '  title: T',
        '  version: 1.0.0',
        '  x-sdk:',
        '    baseURLEnv: "URL*/ static { (globalThis as any).PWN = 1 } /*"',
        '    packageName: Evil',
        '    clientName: 7up',
        '    apiKeyEnv: [A]',
        '    apikeyEnv: A',
      ].join('\n'),
    );
    const error = await generate({ spec: file, write: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    const found = (error as SpecError).diagnostics
      .map((d) => [d.code, d.severity, d.at.pointer, d.at.line])
      .sort((a, b) => Number(a[3]) - Number(b[3]));
    expect(found).toEqual([
      ['model/invalid-extension', 'error', '/info/x-sdk/baseURLEnv', 6],
      ['model/invalid-extension', 'error', '/info/x-sdk/packageName', 7],
      ['model/invalid-extension', 'error', '/info/x-sdk/clientName', 8],
      ['model/invalid-extension', 'error', '/info/x-sdk/apiKeyEnv', 9],
      ['model/invalid-extension', 'warning', '/info/x-sdk/apikeyEnv', 10],
    ]);
  });

  it('refuses --package-name and --client-name values of the wrong form as usage errors', async () => {
    const file = await specFile('  title: T\n  version: 1.0.0');
    await expect(generate({ spec: file, write: false, packageName: 'Bad Name' })).rejects.toThrow(
      new UsageError('--package-name "Bad Name" has capital letters; npm names are lowercase.'),
    );
    await expect(generate({ spec: file, write: false, clientName: 'my-client' })).rejects.toBeInstanceOf(UsageError);
  });

  it.each([
    ['--api-key-env', '1ACME_KEY'],
    ['--base-url-env', 'ACME-URL'],
    ['--base-url-env', 'URL*/ static { (globalThis as any).PWN = 1 } /*'],
  ])('refuses %s %j as a usage error (exit 2), naming the flag, and writes nothing', async (flag, value) => {
    const file = await specFile('  title: T\n  version: 1.0.0');
    const out = join(work!, `out-${Math.random().toString(36).slice(2)}`);
    const run = await runCli(['generate', '--spec', file, '--out', out, flag, value]);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      stderr: `sdkgen: ${flag} ${JSON.stringify(value)} is not an environment variable name (letters, digits and \`_\`, not starting with a digit).\n`,
    });
    expect(existsSync(out)).toBe(false);
  });

  it('keeps a non-semver API version for the README and gives package.json and the client header a semver', async () => {
    const file = await specFile('  title: "Dates | `API` <b>"\n  version: 2019-10-01-preview');
    const { files } = await generate({ spec: file, write: false });
    const text = (path: string) => files.find((out) => out.path === path)!.text;
    expect(JSON.parse(text('package.json'))).toMatchObject({ name: 'dates-b-client', version: '0.0.0' });
    expect(text('src/client.ts')).toContain("packageVersion: '0.0.0'");
    expect(text('README.md')).toContain('client for the Dates \\| \\`API\\` \\<b\\> (version 2019-10-01-preview)');
  });
});

describe('escaping for docs and Markdown', () => {
  it('a DocText never closes its comment, wherever the spec text lands', () => {
    const hostile = 'a */ globalThis.PWN = 1; /* b';
    for (const text of [jsDoc(hostile), doc`x ${hostile} y`, doc`${'a*'}/${'*'}`, doc`*${'/ c'}`]) {
      expect(docComment(text).text.slice(3, -2), text.text).not.toContain('*/');
    }
    expect(jsDoc('line\n@param x').text).toBe('line\n\\@param x');
  });

  it('Markdown text and code spans keep table cells and cannot become HTML or links', () => {
    expect(markdownText('a | <script> ](javascript:x) `b` *c*\nd')).toBe('a \\| \\<script\\> \\](javascript:x) \\`b\\` \\*c\\* d');
    expect(markdownCode('GET /a|b')).toBe('`GET /a\\|b`');
    expect(markdownCode('x ``` y')).toBe('```` x ``` y ````');
    expect(markdownCode('a\\|b')).toBe(markdownText('a\\|b'));
  });
});
