// Cloudflare Workers: fixtures/worker.mjs, bundled with esbuild the way wrangler bundles a
// Worker (conditions workerd/worker/browser), served by workerd on 127.0.0.1 (port 0, reported
// on a control fd). The Worker calls the test's API server on 127.0.0.1, which workerd's
// default `internet` network refuses (public addresses only), so its outbound service is a
// network that allows "local" (loopback) addresses. workerd forbids eval and new Function, so
// a green run also proves that the client and its validators need neither.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { expect, it } from 'vitest';
import type { ScenarioResult } from './scenario.mjs';
import { startApiServer } from './support/api-server.js';
import { expectScenarioPassed } from './support/expectations.js';
import { builtPackage } from './support/package-build.js';
import { childEnv, killGroup, requireRuntime, RUNTIMES, startProcess } from './support/runtimes.js';

const COMPATIBILITY_DATE = '2025-09-01';

function config(apiURL: string): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .worker),
    # The Worker's only way out: loopback addresses, where the test's API server listens.
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const worker :Workerd.Worker = (
  modules = [(name = "worker.js", esModule = embed "worker.js")],
  compatibilityDate = "${COMPATIBILITY_DATE}",
  globalOutbound = "loopback",
  bindings = [(name = "API_URL", text = ${JSON.stringify(apiURL)})],
);
`;
}

it('workerd runs the scenario in a Worker bundled with esbuild', async (context) => {
  const workerd = requireRuntime(context, RUNTIMES.workerd);
  const built = await builtPackage();
  const server = await startApiServer();
  const dir = mkdtempSync(join(tmpdir(), 'sdkgen-workerd-'));
  const child = { current: undefined as ReturnType<typeof startProcess> | undefined };
  let stderr = '';
  try {
    await build({
      entryPoints: [join(built.consumerDir, 'worker.mjs')],
      outfile: join(dir, 'worker.js'),
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'],
      target: 'es2022',
      logLevel: 'silent',
    });
    const bundle = readFileSync(join(dir, 'worker.js'), 'utf8');
    expect(bundle).not.toMatch(/\bnode:|\brequire\(/);
    writeFileSync(join(dir, 'config.capnp'), config(server.url));

    const workerdProcess = startProcess(workerd, ['serve', '--control-fd=3', 'config.capnp'], {
      cwd: dir,
      env: childEnv(),
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    });
    child.current = workerdProcess;
    workerdProcess.stderr?.setEncoding('utf8').on('data', (chunk: string) => void (stderr += chunk));
    const port = await listenPort(workerdProcess.stdio[3] as Readable, workerdProcess, 20_000, () => stderr);

    const response = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(30_000) });
    const text = await response.text();
    expect(response.status, `${text}\n--- workerd stderr ---\n${stderr}`).toBe(200);
    const result = JSON.parse(text) as ScenarioResult;
    expectScenarioPassed(result, server, 'workerd');
    // The proof that nothing in the bundle needs eval: workerd refuses it.
    expect(result.environment.evalAllowed).toBe(false);
  } finally {
    if (child.current !== undefined) killGroup(child.current);
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);

/** workerd writes `{"event":"listen","socket":"http","port":N}` on the control fd once it listens. */
function listenPort(control: Readable, child: ReturnType<typeof startProcess>, timeoutMs: number, stderr: () => string): Promise<number> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    const fail = (message: string): void => {
      clearTimeout(timer);
      reject(new Error(`${message}\n--- workerd stderr ---\n${stderr()}`));
    };
    const timer = setTimeout(() => fail(`workerd did not report a listening port within ${timeoutMs} ms`), timeoutMs);
    child.once('exit', (code, signal) => fail(`workerd exited (${code ?? signal}) before listening`));
    control.setEncoding('utf8').on('data', (chunk: string) => {
      buffer += chunk;
      for (const line of buffer.split('\n').slice(0, -1)) {
        const message = JSON.parse(line) as { event?: string; socket?: string; port?: number };
        if (message.event === 'listen' && message.socket === 'http' && typeof message.port === 'number') {
          clearTimeout(timer);
          resolve(message.port);
        }
      }
      buffer = buffer.slice(buffer.lastIndexOf('\n') + 1);
    });
  });
}
