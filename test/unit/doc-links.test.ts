// Root-relative links in spec prose become absolute against a host the spec itself names
// (generator/emit/doc-links.ts; README "Docs in the editor"), and `x-sdk.docsBaseURL` is checked
// where it is read, like every x-sdk value.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SpecError } from '../../generator/diagnostics/diagnostic.js';
import { absoluteLinks } from '../../generator/emit/doc-links.js';
import { docsBaseURLProblem } from '../../generator/model/package-info.js';
import { generate } from '../../generator/pipeline.js';

let work: string | undefined;
afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

/** A spec whose one operation's summary links to `/docs/guides/x`, `/tokenizer` and `//cdn.example.com/y`. */
async function linkedSpec(top: string[], info: string[] = []): Promise<string> {
  work ??= await mkdtemp(join(tmpdir(), 'sdkgen-links-'));
  const file = join(work, `spec-${Math.random().toString(36).slice(2)}.yaml`);
  const summary = 'See [the guide](/docs/guides/x), [tokens](/tokenizer?view=bpe) and [cdn](//cdn.example.com/y).';
  await writeFile(
    file,
    [
      'openapi: 3.1.0',
      'info:',
      '  title: T',
      '  version: 1.0.0',
      ...info,
      ...top,
      'paths:',
      '  /ping:',
      '    get:',
      '      operationId: ping',
      `      summary: ${JSON.stringify(summary)}`,
      '      responses:',
      "        '204':",
      '          description: ok',
      '',
    ].join('\n'),
  );
  return file;
}

async function summaryOf(file: string): Promise<string> {
  const { files } = await generate({ spec: file, write: false });
  return /\* (See \[the guide\].*)/.exec(files.find((f) => f.path === 'src/client.ts')!.text)![1]!;
}

describe('relative doc links', () => {
  it('go under x-sdk.docsBaseURL, all of them', async () => {
    const file = await linkedSpec(
      ['servers:', '  - url: https://api.example.com/v1'],
      ['  x-sdk:', '    docsBaseURL: https://docs.example.com/'],
    );
    expect(await summaryOf(file)).toBe(
      'See [the guide](https://docs.example.com/docs/guides/x), [tokens](https://docs.example.com/tokenizer?view=bpe) and [cdn](//cdn.example.com/y).',
    );
  });

  it("go under externalDocs.url's origin without it", async () => {
    const file = await linkedSpec(['externalDocs:', '  url: https://platform.example.com/docs/api-reference']);
    expect(await summaryOf(file)).toBe(
      'See [the guide](https://platform.example.com/docs/guides/x), [tokens](https://platform.example.com/tokenizer?view=bpe) and [cdn](//cdn.example.com/y).',
    );
  });

  it('otherwise take the origin of a URL in info.description or servers whose path starts the same, and stay as written where none does', async () => {
    // as the OpenAI spec: "Please see https://platform.openai.com/docs/api-reference"; its server is the API host
    const file = await linkedSpec(
      ['servers:', '  - url: https://api.example.com/v1'],
      ['  description: Please see https://platform.example.com/docs/api-reference.'],
    );
    expect(await summaryOf(file)).toBe(
      'See [the guide](https://platform.example.com/docs/guides/x), [tokens](/tokenizer?view=bpe) and [cdn](//cdn.example.com/y).',
    );
    const bare = await linkedSpec(['servers:', '  - url: https://api.example.com/v1']);
    expect(await summaryOf(bare)).toBe('See [the guide](/docs/guides/x), [tokens](/tokenizer?view=bpe) and [cdn](//cdn.example.com/y).');
  });

  it('cover HTML links too, and leave absolute ones alone', () => {
    const links = { base: 'https://docs.example.com', named: [] };
    expect(absoluteLinks('<a href="/docs/a">a</a> [b](https://x.example.com/b)', links)).toBe(
      '<a href="https://docs.example.com/docs/a">a</a> [b](https://x.example.com/b)',
    );
  });

  it('x-sdk.docsBaseURL must be an absolute http(s) URL without query or fragment, located when not', async () => {
    for (const url of ['https://docs.example.com', 'http://localhost:8080/base/']) expect(docsBaseURLProblem(url), url).toBeUndefined();
    for (const url of ['/docs', 'docs.example.com', 'javascript:alert(1)', 'https://docs.example.com/?a=1', 'https://docs.example.com/#x'])
      expect(docsBaseURLProblem(url), url).toBeDefined();
    const file = await linkedSpec([], ['  x-sdk:', '    docsBaseURL: ftp://docs.example.com']);
    const error = await generate({ spec: file, write: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecError);
    expect((error as SpecError).diagnostics.map((d) => [d.code, d.at.pointer, d.at.line, d.message])).toEqual([
      [
        'model/invalid-extension',
        '/info/x-sdk/docsBaseURL',
        6,
        '`x-sdk.docsBaseURL` "ftp://docs.example.com" is not an absolute http(s) URL.',
      ],
    ]);
  });
});
