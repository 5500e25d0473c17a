// 200 calls in flight at once against one server with a mix of faults: each call gets its own
// outcome and its own attempt count; nothing crosses between calls.
import type { ServerResponse } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionTimeoutError,
  InternalServerError,
  InvalidResponseBodyError,
  NotFoundError,
} from '../../templates/runtime/errors.js';
import { createSession, json, makeClient, startServer, type Received } from './harness.js';

const CALLS = 200;

type Fault = 'ok' | '500-once' | '429-once' | '404' | 'reset-once' | 'html-200' | '503-final' | 'hang-once';
const FAULTS: readonly Fault[] = ['ok', '500-once', '429-once', '404', 'reset-once', 'html-200', '503-final', 'hang-once'];

/** Expected attempts and outcome per fault (maxRetries 2). */
const EXPECTED: Record<Fault, { attempts: number; outcome: string }> = {
  ok: { attempts: 1, outcome: 'ok' },
  '500-once': { attempts: 2, outcome: 'ok' },
  '429-once': { attempts: 2, outcome: 'ok' },
  '404': { attempts: 1, outcome: NotFoundError.name },
  'reset-once': { attempts: 2, outcome: 'ok' },
  'html-200': { attempts: 1, outcome: InvalidResponseBodyError.name },
  '503-final': { attempts: 1, outcome: InternalServerError.name },
  'hang-once': { attempts: 2, outcome: 'ok' },
};

describe('concurrency', () => {
  it(`${CALLS} concurrent calls with mixed faults each get the right outcome`, async () => {
    const attempts = new Map<number, number>();
    const server = await startServer((req: Received, res: ServerResponse) => {
      const { n } = JSON.parse(req.body) as { n: number };
      const seen = (attempts.get(n) ?? 0) + 1;
      attempts.set(n, seen);
      const fault = FAULTS[n % FAULTS.length]!;
      const first = seen === 1;
      if (fault === '500-once' && first) return json(res, 500, { error: { message: 'boom' } });
      if (fault === '429-once' && first) return json(res, 429, { error: { message: 'slow' } }, { 'retry-after-ms': '5' });
      if (fault === '404') return json(res, 404, { error: { message: `no session ${n}` } });
      if (fault === 'reset-once' && first) return void res.socket?.destroy();
      if (fault === 'html-200') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return void res.end('<h1>hi</h1>');
      }
      if (fault === '503-final') return json(res, 503, { error: { message: 'no' } }, { 'x-should-retry': 'false' });
      if (fault === 'hang-once' && first) return; // times out
      return json(res, 200, { id: `cksess_${n}`, object: 'chatkit.session' }, { 'x-request-id': `req_${n}` });
    });
    const { client } = makeClient(server.url, { timeout: 1_000 });

    const results = await Promise.all(
      Array.from({ length: CALLS }, async (_, n) => {
        try {
          const { data, requestId } = await client.request(createSession({ n })).withResponse();
          expect(data).toEqual({ id: `cksess_${n}`, object: 'chatkit.session' });
          expect(requestId).toBe(`req_${n}`);
          return 'ok';
        } catch (error) {
          if (error instanceof NotFoundError) expect(error.message).toBe(`404 no session ${n}`);
          return (error as Error).name;
        }
      }),
    );

    for (let n = 0; n < CALLS; n++) {
      const fault = FAULTS[n % FAULTS.length]!;
      expect({ n, fault, outcome: results[n], attempts: attempts.get(n) }).toEqual({ n, fault, ...EXPECTED[fault] });
    }
    const total = Array.from({ length: CALLS }, (_, n) => EXPECTED[FAULTS[n % FAULTS.length]!].attempts).reduce((a, b) => a + b);
    expect(server.requests).toHaveLength(total);
    expect(results).not.toContain(APIConnectionTimeoutError.name);
  });
});
