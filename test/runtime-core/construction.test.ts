// Construction: environment fallbacks, the missing-key and browser guards, option checks.
import { afterEach, describe, expect, it } from 'vitest';
import { ClientCore } from '../../templates/runtime/core.js';
import { readEnv } from '../../templates/runtime/env.js';
import { SDKError } from '../../templates/runtime/errors.js';
import { API_KEY, IDENTITY, SESSION, createSession, json, recordingLogger, silentLogger, startServer } from './harness.js';

const host = globalThis as Record<string, unknown>;
const env = process.env;

afterEach(() => {
  delete env[IDENTITY.apiKeyEnv];
  delete env[IDENTITY.baseURLEnv];
  delete host['window'];
  delete host['document'];
  delete host['Deno'];
});

describe('environment fallbacks', () => {
  it('takes the API key and base URL from the environment', async () => {
    const server = await startServer((_req, res) => json(res, 200, SESSION));
    env[IDENTITY.apiKeyEnv] = ` ${API_KEY}\n`;
    env[IDENTITY.baseURLEnv] = `${server.url}/v2`;

    const client = new ClientCore({ logger: silentLogger() }, IDENTITY);
    await client.request(createSession({}));

    expect(client.baseURL).toBe(`${server.url}/v2`);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]?.url).toBe('/v2/chatkit/sessions');
    expect(server.requests[0]?.headers['authorization']).toBe(`Bearer ${API_KEY}`);
  });

  it('prefers options over the environment, and falls back to the default base URL', () => {
    env[IDENTITY.apiKeyEnv] = 'sk-from-env';
    env[IDENTITY.baseURLEnv] = 'http://from-env.test';
    expect(new ClientCore({ baseURL: 'http://option.test/' }, IDENTITY).baseURL).toBe('http://option.test');
    delete env[IDENTITY.baseURLEnv];
    expect(new ClientCore({}, IDENTITY).baseURL).toBe(IDENTITY.defaultBaseURL);
  });

  it('reads Deno.env when process.env lacks the variable, and survives a permission error', () => {
    host['Deno'] = { env: { get: (name: string) => (name === 'SDKGEN_ONLY_IN_DENO' ? 'deno-value' : undefined) } };
    expect(readEnv('SDKGEN_ONLY_IN_DENO')).toBe('deno-value');
    host['Deno'] = {
      env: {
        get: () => {
          throw new Error('PermissionDenied: Requires env access');
        },
      },
    };
    expect(readEnv('SDKGEN_ONLY_IN_DENO')).toBeUndefined();
  });
});

describe('guards', () => {
  it('explains a missing API key: what is missing and how to fix it', () => {
    expect(() => new ClientCore({}, IDENTITY)).toThrow(SDKError);
    expect(() => new ClientCore({ apiKey: '' }, IDENTITY)).toThrow(
      'ChatKitClient: no API key found. Pass it as `new ChatKitClient({ apiKey })` or set the SDKGEN_TEST_API_KEY environment variable.',
    );
  });

  it('refuses to run in a browser page with an API key unless dangerouslyAllowBrowser is set', () => {
    host['window'] = {};
    host['document'] = {};
    let error: unknown;
    try {
      new ClientCore({ apiKey: API_KEY }, IDENTITY);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SDKError);
    expect((error as Error).message).toMatch(/browser/);
    expect((error as Error).message).toMatch(/exposed to anyone who opens the page/);
    expect((error as Error).message).toMatch(/dangerouslyAllowBrowser: true/);
    expect((error as Error).message).not.toContain(API_KEY);
    expect(() => new ClientCore({ apiKey: API_KEY, dangerouslyAllowBrowser: true }, IDENTITY)).not.toThrow();
  });

  it('allows a window without a document (e.g. some workers and test shims)', () => {
    host['window'] = {};
    expect(() => new ClientCore({ apiKey: API_KEY }, IDENTITY)).not.toThrow();
  });

  it.each([
    [{ baseURL: 'not a url' }, /baseURL "not a url" is not an absolute URL/],
    [{ timeout: 0 }, /timeout must be a positive number/],
    [{ maxRetries: -1 }, /maxRetries must be a whole number/],
    [{ maxRetries: 1.5 }, /maxRetries must be a whole number/],
    [{ maxRetryAfter: Number.NaN }, /maxRetryAfter must be/],
    [{ responseValidation: 'lenient' as 'loose' }, /responseValidation must be/],
  ])('rejects %j', (options, message) => {
    expect(() => new ClientCore({ apiKey: API_KEY, ...options }, IDENTITY)).toThrow(message);
  });

  it('warns about an unknown logLevel and uses warn', () => {
    const logger = recordingLogger();
    new ClientCore({ apiKey: API_KEY, logger, logLevel: 'verbose' as 'debug' }, IDENTITY);
    expect(logger.lines).toEqual([expect.stringMatching(/^warn ChatKitClient: logLevel "verbose" is not one of/)]);
  });
});
