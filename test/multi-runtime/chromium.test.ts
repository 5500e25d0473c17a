// Browser: Debian's chromium, driven by playwright-core, loads a page from a server on
// 127.0.0.1 that sends `Content-Security-Policy: script-src 'self'` (no 'unsafe-eval', no
// inline scripts). The page's one script imports the client bundled with esbuild (as a
// browser app would) and the scenario as it is, and calls the API server, a different origin
// (another port), which answers CORS preflights for the page's origin.
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { expect, it } from 'vitest';
import type { ScenarioResult } from './scenario.mjs';
import { startApiServer, type ApiServer } from './support/api-server.js';
import { expectScenarioPassed } from './support/expectations.js';
import { builtPackage } from './support/package-build.js';
import { requireRuntime, RUNTIMES } from './support/runtimes.js';

const CSP = "script-src 'self'";
// Without the background-networking flags Chromium tries to reach the internet, which this
// machine refuses; a fresh --user-data-dir comes from launchPersistentContext.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface PageServer {
  readonly origin: string;
  readonly served: string[];
  close(): Promise<void>;
}

/** Serves the page's files, every response with the CSP header; closes itself after 90 s. */
async function startPageServer(files: Record<string, { type: string; body: string }>): Promise<PageServer> {
  const served: string[] = [];
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    served.push(path);
    const file = files[path === '/' ? '/index.html' : path];
    const headers = { 'content-security-policy': CSP, 'cache-control': 'no-store' };
    if (request.method !== 'GET' || file === undefined) {
      response.writeHead(404, { ...headers, 'content-type': 'text/plain' }).end('not found');
      return;
    }
    response.writeHead(200, { ...headers, 'content-type': file.type, 'content-length': Buffer.byteLength(file.body) }).end(file.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      clearTimeout(lifetime);
      server.closeAllConnections();
      server.close(() => resolve());
    });
  const lifetime = setTimeout(() => void close(), 90_000);
  lifetime.unref();
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, served, close };
}

it('chromium runs the scenario in a page whose CSP forbids eval', async (context) => {
  const executablePath = requireRuntime(context, RUNTIMES.chromium);
  const built = await builtPackage();
  const bundled = await build({
    entryPoints: [join(built.consumerDir, 'browser/sdk.mjs')],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  const js = 'text/javascript; charset=utf-8';
  const read = (path: string): string => readFileSync(join(built.consumerDir, path), 'utf8');
  const page = await startPageServer({
    '/index.html': { type: 'text/html; charset=utf-8', body: read('browser/index.html') },
    '/main.mjs': { type: js, body: read('browser/main.mjs') },
    '/scenario.mjs': { type: js, body: read('scenario.mjs') },
    '/sdk.js': { type: js, body: bundled.outputFiles[0]?.text ?? '' },
  });
  let api: ApiServer | undefined;
  let browser: BrowserContext | undefined;
  const userDataDir = mkdtempSync(join(tmpdir(), 'sdkgen-chromium-'));
  try {
    api = await startApiServer({ allowOrigin: page.origin });
    browser = await chromium.launchPersistentContext(userDataDir, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      timeout: 30_000,
    });
    const tab = browser.pages()[0] ?? (await browser.newPage());
    const errors: string[] = [];
    tab.on('console', (message) => {
      const apiURL = api?.url ?? '';
      // The 404 and the 503 the scenario asks for are logged by Chromium as failed loads.
      const expected = /^Failed to load resource: .*\b(404|503)\b/.test(message.text()) && message.location().url.startsWith(apiURL);
      if (message.type() === 'error' && !expected) errors.push(`${message.text()} (${message.location().url})`);
    });
    tab.on('pageerror', (error) => void errors.push(`pageerror: ${error.message}`));
    const cspResponse = await tab.goto(`${page.origin}/?api=${encodeURIComponent(api.url)}`, { timeout: 30_000 });
    expect(cspResponse?.headers()['content-security-policy']).toBe(CSP);
    await tab.waitForSelector('#result[data-done]', { state: 'attached', timeout: 45_000 });
    const result = JSON.parse((await tab.textContent('#result')) ?? '') as ScenarioResult;

    expectScenarioPassed(result, api, 'browser');
    expect(result.environment.version).toMatch(/Chrome\/\d+/);
    // The CSP is in force (the scenario's new Function probe was refused) ...
    expect(result.environment.evalAllowed).toBe(false);
    // ... and nothing but that probe hit it, and the page logged no other error.
    expect(errors.filter((text) => !/unsafe-eval/.test(text))).toEqual([]);
    // The cross-origin calls went through real CORS preflights.
    expect(api.requests.some((request) => request.method === 'OPTIONS')).toBe(true);
    expect(page.served).toEqual(expect.arrayContaining(['/', '/main.mjs', '/scenario.mjs', '/sdk.js']));
  } finally {
    await browser?.close();
    await api?.close();
    await page.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}, 120_000);
