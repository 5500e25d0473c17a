// Client overhead: requests/s of 2,000 JSON POSTs (sequential and 50-way concurrent) against a
// local node:http server in a child process, for our ClientCore, the official `openai`
// client, openapi-fetch and bare fetch (the limit; also with a timeout signal, the limit for
// any client whose timeouts cancel the request); then cold import time of each.
// Run: npm run bench:client
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import OpenAI from 'openai';
import createClient from 'openapi-fetch';
import { Bench } from 'tinybench';
import { ClientCore, type OperationSpec, type RequestDescription } from '../templates/runtime/core.js';
import type { ValidationIssue } from '../templates/runtime/errors.js';
import { median } from './stats.js';

const REQUESTS = 2_000;
const CONCURRENCY = 50;
const ROUNDS = 9;
const API_KEY = 'sk-bench-0000000000000000';
const ROOT = fileURLToPath(new URL('..', import.meta.url));

// --- the server: its own process, so it does not share the client's event loop -------------
const SERVER = `
const http = require('node:http');
const reply = JSON.stringify({
  id: 'cksess_123', object: 'chatkit.session', status: 'active', user: 'u_1', expires_at: 1767225600,
  client_secret: 'ek_123', max_requests_per_1_minute: 10,
  workflow: { id: 'wf_123', version: '1', state_variables: null, tracing: { enabled: true } },
  rate_limits: { max_requests_per_1_minute: 10 },
  chatkit_configuration: { automatic_thread_titling: { enabled: true }, file_upload: { enabled: false, max_file_size: null, max_files: null }, history: { enabled: true, recent_threads: null } },
});
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(reply), 'x-request-id': 'req_1' });
    res.end(reply);
  });
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write(String(server.address().port) + '\\n'));
process.stdin.on('end', () => process.exit(0)); process.stdin.resume();
`;

async function startServer(): Promise<{ url: string; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => child.stdin.end() };
}

// --- the contestants ---------------------------------------------------------------------------
interface ChatSession {
  readonly id: string;
  readonly object: 'chatkit.session';
}
interface SessionCreateParams {
  readonly user: string;
  readonly workflow: { readonly id: string; readonly state_variables?: Record<string, string> };
}

// openapi-fetch needs a paths type; this is the hand-written minimum for one operation.
interface Paths {
  '/chatkit/sessions': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json': SessionCreateParams } };
      responses: { 200: { headers: Record<string, unknown>; content: { 'application/json': ChatSession } } };
    };
  };
}

const BODY: SessionCreateParams = { user: 'u_1', workflow: { id: 'wf_123', state_variables: { plan: 'pro' } } };
const NO_ISSUES: readonly ValidationIssue[] = [];
const BETA = { 'OpenAI-Beta': 'chatkit_beta=v1' } as const;

// What the generator emits: a pure builder and a validator, closed over by the resource method.
function createChatKitSession(params: { body: SessionCreateParams }): RequestDescription {
  return { method: 'POST', path: '/chatkit/sessions', headers: BETA, body: params.body };
}
function validateSessionCreateParams(body: SessionCreateParams): readonly ValidationIssue[] {
  return typeof body === 'object' && body !== null ? NO_ISSUES : [{ path: [], message: 'expected an object' }];
}

type Call = () => Promise<unknown>;

function contestants(url: string): Record<string, Call> {
  const ours = new ClientCore(
    { apiKey: API_KEY, baseURL: url },
    {
      clientName: 'ChatKitClient',
      packageName: 'chatkit-client',
      packageVersion: '0.1.0',
      defaultBaseURL: url,
      apiKeyEnv: 'OPENAI_API_KEY',
      baseURLEnv: 'OPENAI_BASE_URL',
    },
  );
  const openai = new OpenAI({ apiKey: API_KEY, baseURL: url });
  const openapiFetch = createClient<Paths>({ baseUrl: url, headers: { Authorization: `Bearer ${API_KEY}` } });
  const bareHeaders = {
    authorization: `Bearer ${API_KEY}`,
    accept: 'application/json',
    'content-type': 'application/json',
    'openai-beta': 'chatkit_beta=v1',
  };
  const endpoint = `${url}/chatkit/sessions`;
  return {
    'bare fetch': async () => {
      const response = await fetch(endpoint, { method: 'POST', headers: bareHeaders, body: JSON.stringify(BODY) });
      if (!response.ok) throw new Error(`status ${response.status}`);
      return response.json();
    },
    // The floor for any client whose timeout really cancels: undici does extra work per signal.
    'bare fetch + timeout signal': async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 600_000);
      try {
        const init = { method: 'POST', headers: bareHeaders, body: JSON.stringify(BODY), signal: controller.signal };
        const response = await fetch(endpoint, init);
        if (!response.ok) throw new Error(`status ${response.status}`);
        return await response.json();
      } finally {
        clearTimeout(timer);
      }
    },
    'sdkgen ClientCore': () => {
      const body = BODY;
      const operation: OperationSpec<ChatSession> = {
        validateRequest: () => validateSessionCreateParams(body),
        build: () => createChatKitSession({ body }),
      };
      return ours.request(operation);
    },
    'openai (official)': () => openai.beta.chatkit.sessions.create(BODY as never),
    'openapi-fetch': async () => {
      const { data, error } = await openapiFetch.POST('/chatkit/sessions', { body: BODY, headers: BETA });
      if (error !== undefined) throw new Error('request failed');
      return data;
    },
  };
}

async function sequential(call: Call): Promise<void> {
  for (let i = 0; i < REQUESTS; i++) await call();
}

async function concurrent(call: Call): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next++ < REQUESTS) await call();
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
}

interface Row {
  readonly name: string;
  readonly perSecond: number;
  /** Median over rounds of (bare fetch time / this contestant's time) within the same round. */
  readonly ratio: number;
  readonly cpuMicros: number;
}

/**
 * ROUNDS rounds; each round is one tinybench run of every contestant (one batch of REQUESTS
 * each), in an order rotated per round, so drift on a noisy machine hits all alike. Ratios
 * are taken within a round, then the median across rounds.
 */
async function throughput(url: string, mode: 'sequential' | 'concurrent'): Promise<Row[]> {
  const calls = Object.entries(contestants(url));
  const run = mode === 'sequential' ? sequential : concurrent;
  const seconds = new Map<string, number[]>(calls.map(([name]) => [name, []]));
  const cpu = new Map<string, number[]>(calls.map(([name]) => [name, []]));
  for (const [, call] of calls) await run(call); // warm up JITs and the connection pool
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ name: `${mode} round ${round}`, iterations: 1, time: 0, warmup: false });
    for (let i = 0; i < calls.length; i++) {
      const [name, call] = calls[(i + round) % calls.length]!;
      bench.add(name, async () => {
        const before = process.cpuUsage();
        await run(call);
        const used = process.cpuUsage(before);
        cpu.get(name)!.push((used.user + used.system) / REQUESTS);
      });
    }
    await bench.run();
    for (const task of bench.tasks) {
      const result = task.result;
      if (result.state !== 'completed') throw new Error(`${task.name}: ${result.state}`);
      seconds.get(task.name)!.push(result.latency.mean / 1000);
    }
  }
  const bare = seconds.get('bare fetch')!;
  return calls.map(([name]) => {
    const own = seconds.get(name)!;
    return {
      name,
      perSecond: REQUESTS / median(own),
      ratio: median(own.map((time, round) => bare[round]! / time)),
      cpuMicros: median(cpu.get(name)!),
    };
  });
}

function printThroughput(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}: ${REQUESTS} POSTs per batch, median of ${ROUNDS} interleaved rounds`);
  console.table(
    rows.map((row) => ({
      client: row.name,
      'requests/s': Math.round(row.perSecond),
      'vs bare fetch': `${row.ratio.toFixed(3)}x`,
      'client CPU µs/req': row.cpuMicros.toFixed(1),
    })),
  );
}

// --- cold import -----------------------------------------------------------------------------
function medianMs(args: readonly string[], runs = 10): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    if (result.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${result.stderr.toString()}`);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  times.sort((a, b) => a - b);
  return (times[4]! + times[5]!) / 2;
}

async function coldImport(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sdkgen-bench-'));
  try {
    const outfile = join(dir, 'core.mjs');
    await build({
      entryPoints: [join(ROOT, 'templates/runtime/core.ts')],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      outfile,
      logLevel: 'silent',
    });
    const minified = join(dir, 'core.min.mjs');
    await build({
      entryPoints: [outfile],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'neutral',
      outfile: minified,
      logLevel: 'silent',
    });
    const baseline = medianMs(['-e', '0']);
    const rows = [
      ['node -e 0 (baseline)', baseline],
      ['sdkgen core (esbuild bundle)', medianMs(['-e', `import(${JSON.stringify(pathToFileURL(outfile).href)})`])],
      ['openai', medianMs(['-e', "import('openai')"])],
      ['openapi-fetch', medianMs(['-e', "import('openapi-fetch')"])],
    ] as const;
    console.log('\nCold import (spawned node, median of 10 runs)');
    console.table(rows.map(([what, ms]) => ({ import: what, 'ms total': ms.toFixed(1), 'ms over baseline': (ms - baseline).toFixed(1) })));
    console.log(`sdkgen core bundle: ${statSync(outfile).size} bytes, ${statSync(minified).size} bytes minified`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const server = await startServer();
  try {
    console.log(`node ${process.version}, server in a child process at ${server.url}`);
    printThroughput('Sequential', await throughput(server.url, 'sequential'));
    printThroughput(`Concurrent (${CONCURRENCY} in flight)`, await throughput(server.url, 'concurrent'));
  } finally {
    server.stop();
  }
  await coldImport();
}

await main();
