// Bundle size: a consumer that creates and cancels a ChatKit session, bundled by esbuild
// (browser platform, ES2022, minified), then gzipped (level 9). Ours is the packed, built
// chatkit-client (the same build the multi-runtime tests install): the operation functions
// (`chatkitSessionsCreate(client, ...)`, the target), the class form (`client.chatkit.sessions
// .create(...)`, whose methods a bundler cannot drop: reported, not the target), and the
// functions with validators stubbed out; against them the official `openai` package
// (client.beta.chatkit.sessions) and openapi-fetch making the same two calls. Then one call of a
// large API: `chat.completions.create` from a client generated from the whole OpenAI spec
// (../shared/specs/openai-openapi.yaml, generated into a temp folder by the built CLI and bundled
// from its sources), one resource made on its own (`new ChatCompletions(client).create`) and the
// client class, against the official SDK's `client.chat.completions.create`.
// Targets: create + cancel with validators, retries and typed errors at most 5,000 B gzipped; the
// one OpenAI call at most 25,000 B. Over a target, the modules that dominate are listed (esbuild
// metafile) and the exit code is 1.
// Run: npm run bench:size
import { build, type Metafile, type Plugin } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { builtPackage, REPO_ROOT } from '../test/multi-runtime/support/package-build.js';

const TARGET = 5_000;
const OPENAI_TARGET = 25_000;

interface Contender {
  readonly name: string;
  /** Resolved from the consumer project (ours), the repository (the others), or a folder. */
  readonly from: 'consumer' | 'repo' | (string & {});
  readonly code: string;
  readonly ours?: boolean;
  /** The most gzipped bytes this row may take. */
  readonly target?: number;
  /** Replace the package's validators module with no-op functions of the same names. */
  readonly stubValidators?: boolean;
}

/** An esbuild plugin: chatkit-client's validators.js becomes no-op stubs of the same names and shapes. */
const stubValidators: Plugin = {
  name: 'stub-validators',
  setup(build) {
    build.onLoad({ filter: /[\\/]chatkit-client[\\/]dist[\\/]esm[\\/]validators\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const names = [...source.matchAll(/^export (?:function|const) (\w+)/gm)].map((match) => match[1]);
      // a parameter group's validateX is a function; a schema's X an object with is, assert and validate
      const stub = (name: string) => (name.startsWith('validate') ? '() => []' : '{ is: () => true, assert() {}, validate: () => [] }');
      return { contents: names.map((name) => `export const ${name} = ${stub(name!)};`).join('\n'), loader: 'js' };
    });
  },
};

const CREATE_AND_CANCEL = `
  const session = await client.chatkit.sessions.create({ user: 'u_1', workflow: { id: 'wf_1' } });
  await client.chatkit.sessions.cancel(session.id);`;

const CONTENDERS: readonly Contender[] = [
  {
    name: 'sdkgen operation functions + validators',
    from: 'consumer',
    ours: true,
    target: TARGET,
    code: `
      import { BaseChatKitClient, chatkitSessionsCancel, chatkitSessionsCreate } from 'chatkit-client';
      import { ChatSession } from 'chatkit-client/validators';
      export async function run(apiKey) {
        const client = new BaseChatKitClient({ apiKey });
        const session = await chatkitSessionsCreate(client, { user: 'u_1', workflow: { id: 'wf_1' } });
        await chatkitSessionsCancel(client, session.id);
        return ChatSession.is(session);
      }`,
  },
  {
    // Class methods cannot be tree-shaken: every operation (and its validators) comes along.
    name: 'sdkgen client class + validators',
    from: 'consumer',
    ours: true,
    code: `
      import { ChatKitClient } from 'chatkit-client';
      import { ChatSession } from 'chatkit-client/validators';
      export async function run(apiKey) {
        const client = new ChatKitClient({ apiKey });
        ${CREATE_AND_CANCEL}
        return ChatSession.is(session);
      }`,
  },
  {
    // One resource made on its own over the base client: its two methods, not the threads.
    name: 'sdkgen one resource (new Sessions(client)) + validators',
    from: 'consumer',
    ours: true,
    code: `
      import { BaseChatKitClient, Sessions } from 'chatkit-client';
      import { ChatSession } from 'chatkit-client/validators';
      export async function run(apiKey) {
        const sessions = new Sessions(new BaseChatKitClient({ apiKey }));
        const session = await sessions.create({ user: 'u_1', workflow: { id: 'wf_1' } });
        await sessions.cancel(session.id);
        return ChatSession.is(session);
      }`,
  },
  {
    // The operation functions import their validators for request and response checks, so a
    // consumer cannot leave them out; this row swaps validators.js for no-op stubs at bundle
    // time to show what the rest (runtime core, functions, request builders) costs on its own.
    name: 'sdkgen operation functions without validators',
    from: 'consumer',
    ours: true,
    stubValidators: true,
    code: `
      import { BaseChatKitClient, chatkitSessionsCancel, chatkitSessionsCreate } from 'chatkit-client';
      export async function run(apiKey) {
        const client = new BaseChatKitClient({ apiKey });
        const session = await chatkitSessionsCreate(client, { user: 'u_1', workflow: { id: 'wf_1' } });
        await chatkitSessionsCancel(client, session.id);
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
      resolveDir: contender.from === 'consumer' ? consumerDir : contender.from === 'repo' ? REPO_ROOT : contender.from,
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
      path: path.includes('node_modules/')
        ? path.replace(/^.*node_modules\//, '')
        : path.includes('/src/')
          ? path.replace(/^.*\/src\//, 'src/')
          : '(the consumer code)',
      bytes: input.bytesInOutput,
      share: input.bytesInOutput / total,
    }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, limit);
}

const bytes = (n: number): string => `${n.toLocaleString('en-US')} B`;

/**
 * The whole OpenAI spec generated by the built CLI into a temp folder; one `chat.completions.create`
 * call bundled from its sources (esbuild compiles the TypeScript), and the official SDK's call.
 */
function openAIContenders(folder: string): Contender[] {
  execFileSync(
    process.execPath,
    [
      join(REPO_ROOT, 'dist', 'sdkgen.mjs'),
      'generate',
      '--spec',
      join(REPO_ROOT, '..', 'shared', 'specs', 'openai-openapi.yaml'),
      '--out',
      folder,
    ],
    { stdio: 'ignore' },
  );
  const body = `{ model: 'gpt-4o', messages: [{ role: 'user', content: 'Say hi' }] }`;
  return [
    {
      name: 'sdkgen (whole OpenAI spec): chatCompletionsCreate',
      from: folder,
      ours: true,
      target: OPENAI_TARGET,
      code: `
        import { BaseOpenAIClient, chatCompletionsCreate } from './src/index.ts';
        export const run = (apiKey) => chatCompletionsCreate(new BaseOpenAIClient({ apiKey }), ${body});`,
    },
    {
      // one resource made on its own (README "Smallest bundles"): its methods and their validators
      name: 'sdkgen (whole OpenAI spec): new ChatCompletions(client).create',
      from: folder,
      ours: true,
      code: `
        import { BaseOpenAIClient, ChatCompletions } from './src/index.ts';
        export const run = (apiKey) => new ChatCompletions(new BaseOpenAIClient({ apiKey })).create(${body});`,
    },
    {
      // the client class: every operation and its validators (reported, not a target)
      name: 'sdkgen (whole OpenAI spec): client.chat.completions.create',
      from: folder,
      ours: true,
      code: `
        import { OpenAIClient } from './src/index.ts';
        export const run = (apiKey) => new OpenAIClient({ apiKey }).chat.completions.create(${body});`,
    },
    {
      name: 'openai (official SDK): chat.completions.create',
      from: 'repo',
      code: `
        import OpenAI from 'openai';
        export const run = (apiKey) => new OpenAI({ apiKey }).chat.completions.create(${body});`,
    },
  ];
}

function printTable(title: string, results: readonly Measured[], reference: Measured): void {
  const rows = results.map((result) => [
    result.contender.name,
    bytes(result.minified),
    bytes(result.gzipped),
    `${(result.gzipped / reference.gzipped).toFixed(2)}x`,
  ]);
  const header = [title, 'minified', 'min + gzip', 'gzip vs ours'];
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]): string =>
    `| ${cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join(' | ')} |`;
  console.log(`\n${line(header)}`);
  console.log(`| ${widths.map((width, column) => (column === 0 ? '-'.repeat(width) : `${'-'.repeat(width - 1)}:`)).join(' | ')} |`);
  for (const row of rows) console.log(line(row));
}

const built = await builtPackage();
const chatkit: Measured[] = [];
for (const contender of CONTENDERS) chatkit.push(await measure(contender, built.consumerDir));
const openAIFolder = mkdtempSync(join(tmpdir(), 'sdkgen-size-openai-'));
const openai: Measured[] = [];
try {
  for (const contender of openAIContenders(openAIFolder)) openai.push(await measure(contender, built.consumerDir));
} finally {
  rmSync(openAIFolder, { recursive: true, force: true });
}

console.log(`\nBundle size (esbuild ${(await import('esbuild')).version}, platform browser, es2022, minified; gzip -9)`);
for (const [title, results] of [
  ['consumer: create + cancel', chatkit],
  ['consumer: one chat.completions.create', openai],
] as const) {
  const reference = results.find((result) => result.contender.target !== undefined);
  if (reference === undefined) throw new Error(`no target row for ${title}`);
  printTable(title, results, reference);
}

let missed = false;
console.log('');
for (const result of [...chatkit, ...openai]) {
  const target = result.contender.target;
  if (target === undefined) continue;
  const over = result.gzipped > target;
  missed ||= over;
  console.log(
    `Target: "${result.contender.name}" at most ${bytes(target)} gzipped: ${bytes(result.gzipped)}, ${over ? `OVER by ${bytes(result.gzipped - target)}` : `${bytes(target - result.gzipped)} under`}.`,
  );
}
for (const result of [...chatkit, ...openai].filter((entry) => entry.contender.ours === true)) {
  const over = result.contender.target !== undefined && result.gzipped > result.contender.target;
  console.log(`\nLargest modules in "${result.contender.name}" (minified bytes in the bundle):`);
  for (const module of dominantModules(result.metafile, over ? 15 : 8)) {
    console.log(`  ${module.bytes.toString().padStart(6)} B  ${(module.share * 100).toFixed(1).padStart(5)}%  ${module.path}`);
  }
}
if (missed) process.exitCode = 1;
