// Bundle size: a consumer that creates and cancels a ChatKit session, bundled by esbuild
// (browser platform, ES2022, minified), then gzipped (level 9). Ours is the packed, built
// chatkit-client (the same build the multi-runtime tests install), with and without its
// validators; against it the official `openai` package (client.beta.chatkit.sessions) and
// openapi-fetch making the same two calls. Target: ours with validators, retries and typed
// errors at most 5,000 B gzipped; over it, the modules that dominate are listed (esbuild
// metafile) and the exit code is 1.
// Run: npm run bench:size
import { build, type Metafile, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { builtPackage, REPO_ROOT } from '../test/multi-runtime/support/package-build.js';

const TARGET = 5_000;

interface Contender {
  readonly name: string;
  /** Resolved from the consumer project (ours) or the repository (the others). */
  readonly from: 'consumer' | 'repo';
  readonly code: string;
  readonly ours?: boolean;
  readonly target?: boolean;
  /** Replace the package's validators module with no-op functions of the same names. */
  readonly stubValidators?: boolean;
}

/** An esbuild plugin: chatkit-client's validators.js becomes `export const <name> = () => [];` for each export. */
const stubValidators: Plugin = {
  name: 'stub-validators',
  setup(build) {
    build.onLoad({ filter: /[\\/]chatkit-client[\\/]dist[\\/]esm[\\/]validators\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const names = [...source.matchAll(/^export (?:function|const) (\w+)/gm)].map((match) => match[1]);
      return { contents: names.map((name) => `export const ${name} = () => [];`).join('\n'), loader: 'js' };
    });
  },
};

const CREATE_AND_CANCEL = `
  const session = await client.chatkit.sessions.create({ user: 'u_1', workflow: { id: 'wf_1' } });
  await client.chatkit.sessions.cancel(session.id);`;

const CONTENDERS: readonly Contender[] = [
  {
    name: 'sdkgen client + validators',
    from: 'consumer',
    ours: true,
    target: true,
    code: `
      import { ChatKitClient } from 'chatkit-client';
      import { isChatSession } from 'chatkit-client/validators';
      export async function run(apiKey) {
        const client = new ChatKitClient({ apiKey });
        ${CREATE_AND_CANCEL}
        return isChatSession(session);
      }`,
  },
  {
    // The generated client imports its validators for request and response checks, so a
    // consumer cannot leave them out; this row swaps validators.js for no-op stubs at bundle
    // time to show what the rest (runtime core, client, request builders) costs on its own.
    name: 'sdkgen client without validators',
    from: 'consumer',
    ours: true,
    stubValidators: true,
    code: `
      import { ChatKitClient } from 'chatkit-client';
      export async function run(apiKey) {
        const client = new ChatKitClient({ apiKey });
        ${CREATE_AND_CANCEL}
      }`,
  },
  {
    name: 'sdkgen request builders + fetch',
    from: 'consumer',
    ours: true,
    code: `
      import { cancelChatKitSession, createChatKitSession } from 'chatkit-client/requests';
      const send = async (apiKey, { method, path, headers, body }) => {
        const response = await fetch('https://api.openai.com/v1' + path, {
          method,
          headers: { ...headers, authorization: 'Bearer ' + apiKey, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        if (!response.ok) throw new Error(String(response.status));
        return response.json();
      };
      export async function run(apiKey) {
        const session = await send(apiKey, createChatKitSession({ body: { user: 'u_1', workflow: { id: 'wf_1' } } }));
        await send(apiKey, cancelChatKitSession({ path: { session_id: session.id } }));
      }`,
  },
  {
    name: 'openai (official SDK)',
    from: 'repo',
    code: `
      import OpenAI from 'openai';
      export async function run(apiKey) {
        const client = new OpenAI({ apiKey }).beta;
        ${CREATE_AND_CANCEL}
      }`,
  },
  {
    name: 'openapi-fetch',
    from: 'repo',
    code: `
      import createClient from 'openapi-fetch';
      export async function run(apiKey) {
        const client = createClient({ baseUrl: 'https://api.openai.com/v1', headers: { authorization: 'Bearer ' + apiKey, 'OpenAI-Beta': 'chatkit_beta=v1' } });
        const { data: session } = await client.POST('/chatkit/sessions', { body: { user: 'u_1', workflow: { id: 'wf_1' } } });
        await client.POST('/chatkit/sessions/{session_id}/cancel', { params: { path: { session_id: session.id } } });
      }`,
  },
];

interface Measured {
  readonly contender: Contender;
  readonly minified: number;
  readonly gzipped: number;
  readonly metafile: Metafile;
}

async function measure(contender: Contender, consumerDir: string): Promise<Measured> {
  const result = await build({
    stdin: {
      contents: contender.code,
      resolveDir: contender.from === 'consumer' ? consumerDir : REPO_ROOT,
      sourcefile: 'consumer.js',
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: contender.stubValidators === true ? [stubValidators] : [],
  });
  const output = result.outputFiles[0]?.contents ?? new Uint8Array();
  return { contender, minified: output.byteLength, gzipped: gzipSync(output, { level: 9 }).byteLength, metafile: result.metafile };
}

/** The inputs that make up most of the output, by minified bytes. */
function dominantModules(metafile: Metafile, limit: number): { path: string; bytes: number; share: number }[] {
  const [output] = Object.values(metafile.outputs);
  if (output === undefined) return [];
  const total = output.bytes;
  return Object.entries(output.inputs)
    .map(([path, input]) => ({
      path: path.includes('node_modules/') ? path.replace(/^.*node_modules\//, '') : '(the consumer code)',
      bytes: input.bytesInOutput,
      share: input.bytesInOutput / total,
    }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit);
}

const bytes = (n: number): string => `${n.toLocaleString('en-US')} B`;

const built = await builtPackage();
const results: Measured[] = [];
for (const contender of CONTENDERS) results.push(await measure(contender, built.consumerDir));
const reference = results.find((result) => result.contender.target === true);
if (reference === undefined) throw new Error('no target contender');

const rows = results.map((result) => [
  result.contender.name,
  bytes(result.minified),
  bytes(result.gzipped),
  `${(result.gzipped / reference.gzipped).toFixed(2)}x`,
]);
const header = ['consumer: create + cancel', 'minified', 'min + gzip', 'gzip vs ours'];
const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
const line = (cells: string[]): string =>
  `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
console.log(`\nBundle size (esbuild ${(await import('esbuild')).version}, platform browser, es2022, minified; gzip -9)\n`);
console.log(line(header));
console.log(`| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`);
for (const row of rows) console.log(line(row));

const over = reference.gzipped > TARGET;
console.log(
  `\nTarget: "${reference.contender.name}" at most ${bytes(TARGET)} gzipped: ${bytes(reference.gzipped)}, ${over ? `OVER by ${bytes(reference.gzipped - TARGET)}` : `${bytes(TARGET - reference.gzipped)} under`}.`,
);
for (const result of results.filter((entry) => entry.contender.ours === true)) {
  console.log(`\nLargest modules in "${result.contender.name}" (minified bytes in the bundle):`);
  for (const module of dominantModules(result.metafile, over && result === reference ? 15 : 8)) {
    console.log(`  ${module.bytes.toString().padStart(6)} B  ${(module.share * 100).toFixed(1).padStart(5)}%  ${module.path}`);
  }
}
if (over) process.exitCode = 1;
