// APIs that declare no security (ClientIdentity.auth 'none'): no key needed, no Authorization
// header, and a key given anyway still never shows up in errors or logs.
import { afterEach, describe, expect, it } from 'vitest';
import { ClientCore, type ClientIdentity } from '../../templates/runtime/core.js';
import { NotFoundError, SDKError } from '../../templates/runtime/errors.js';
import { API_KEY, IDENTITY, SESSION, createSession, json, recordingLogger, rejection, silentLogger, startServer } from './harness.js';

const OPEN: ClientIdentity = { ...IDENTITY, auth: 'none' };
const host = globalThis as Record<string, unknown>;

afterEach(() => {
  delete process.env[IDENTITY.apiKeyEnv];
  delete host['window'];
  delete host['document'];
});

describe("auth: 'none'", () => {
  it('needs no API key and sends no Authorization header', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    const client = new ClientCore({ baseURL: server.url, logger: silentLogger() }, OPEN);

    await expect(client.request(createSession({ user: 'u_1' }))).resolves.toEqual(SESSION);

    const [req] = server.requests;
    expect(req?.headers['authorization']).toBeUndefined();
    expect(req?.headers['accept']).toBe('application/json');
    expect(req?.headers['content-type']).toBe('application/json');
  });

  it('sends no Authorization header even with a key, and still scrubs that key from errors and logs', async () => {
    const server = await startServer((req, res) =>
      json(res, 404, { code: 404, message: `Pet 99 not found (you sent ${String(req.headers['x-api-key'])})` }),
    );
    const logger = recordingLogger();
    const client = new ClientCore(
      { apiKey: API_KEY, baseURL: server.url, logger, logLevel: 'debug', defaultHeaders: { 'X-Api-Key': API_KEY } },
      OPEN,
    );

    const error = await rejection(client.request({ build: () => ({ method: 'GET', path: '/pet/99', headers: {} }) }));

    expect(server.requests[0]?.headers['authorization']).toBeUndefined();
    expect(server.requests[0]?.headers['x-api-key']).toBe(API_KEY); // what the caller chose to send
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toBe('404 Pet 99 not found (you sent [redacted])');
    expect(JSON.stringify((error as NotFoundError).error)).not.toContain(API_KEY);
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const line of logger.lines) expect(line).not.toContain(API_KEY);
  });

  it('reads the key variable when it is set, only to scrub it', async () => {
    process.env[IDENTITY.apiKeyEnv] = API_KEY;
    const server = await startServer((_req, res) => json(res, 400, { message: `bad key ${API_KEY}` }));
    const client = new ClientCore({ baseURL: server.url, logger: silentLogger() }, OPEN);
    const error = await rejection(client.request(createSession({})));
    expect((error as Error).message).toBe('400 bad key [redacted]');
    expect(server.requests[0]?.headers['authorization']).toBeUndefined();
  });

  it('runs in a browser page without dangerouslyAllowBrowser when there is no key to expose', () => {
    host['window'] = {};
    host['document'] = {};
    expect(() => new ClientCore({}, OPEN)).not.toThrow();
    expect(() => new ClientCore({ apiKey: API_KEY }, OPEN)).toThrow(/refusing to run in a browser/);
  });

  it("leaves 'bearer' (the default) as it was: a key is required", () => {
    expect(() => new ClientCore({}, IDENTITY)).toThrow(SDKError);
    expect(() => new ClientCore({}, { ...IDENTITY, auth: 'bearer' })).toThrow(/no API key found/);
  });
});
