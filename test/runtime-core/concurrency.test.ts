// 200 calls in flight at once against one server with a mix of faults: each call gets its own
// outcome and its own attempt count; nothing crosses between calls.
import type { ServerResponse } from 'node:http';
import { describe, expect, it, vi } from 'vitest';
import { APIConnectionTimeoutError, InternalServerError, InvalidResponseBodyError, NotFoundError } from '../../templates/runtime/errors.js';
import { createSession, json, makeClient, onFakeClock, startServer, until, type Received } from './harness.js';

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
    // Retry counts (the client's x-sdkgen-retry-count) the server saw, per call.
    const attempts = new Map<number, string[]>();
    const server = await startServer((req: Received, res: ServerResponse) => {
      const { n } = JSON.parse(req.body) as { n: number };
      const count = String(req.headers['x-sdkgen-retry-count']);
      attempts.set(n, [...(attempts.get(n) ?? []), count]);
      const fault = FAULTS[n % FAULTS.length]!;
      // Keyed on the client's own count, so an attempt lost on a loaded machine cannot shift it.
      const first = count === '0';
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
    const { client } = makeClient(server.url);
    // Only calls whose first attempt hangs get a short timeout; it runs on a fake clock that
    // moves once every other call has settled, so no ordinary call can time out.
    const timeoutFor = (n: number) => (FAULTS[n % FAULTS.length] === 'hang-once' ? { timeout: 2_000 } : {});
    const hanging = Array.from({ length: CALLS }, (_, n) => n).filter((n) => FAULTS[n % FAULTS.length] === 'hang-once');
    const settled = new Set<number>();

    const results = await onFakeClock(async () => {
      const all = Promise.all(
        Array.from({ length: CALLS }, async (_, n) => {
          try {
            const { data, requestId } = await client.request(createSession({ n }), timeoutFor(n)).withResponse();
            expect(data).toEqual({ id: `cksess_${n}`, object: 'chatkit.session' });
            expect(requestId).toBe(`req_${n}`);
            return 'ok';
          } catch (error) {
            if (error instanceof NotFoundError) expect(error.message).toBe(`404 no session ${n}`);
            return (error as Error).name;
          } finally {
            settled.add(n);
          }
        }),
      );
      await until(
        () => settled.size === CALLS - hanging.length && hanging.every((n) => attempts.get(n)?.includes('0')),
        'every call but the hanging ones settles',
      );
      vi.advanceTimersByTime(2_000); // the hanging attempts time out, and are retried
      return all;
    });

    for (let n = 0; n < CALLS; n++) {
      const fault = FAULTS[n % FAULTS.length]!;
      const expected = EXPECTED[fault];
      const counts = Array.from({ length: expected.attempts }, (_, i) => String(i));
      // Arrival order can differ from send order under load (an aborted attempt may land late).
      const seen = [...(attempts.get(n) ?? [])].sort();
      // A hanging call's retry is sent after every other call has settled, on a pooled connection
      // the server may be closing just then (its keep-alive timeout): the client may retry once more.
      const allowed = fault === 'hang-once' && seen.length === 3 ? ['0', '1', '2'] : counts;
      expect({ n, fault, outcome: results[n], attempts: seen }).toEqual({ n, fault, outcome: expected.outcome, attempts: allowed });
    }
    const total = [...attempts.values()].reduce((sum, seen) => sum + seen.length, 0);
    expect(server.requests).toHaveLength(total);
    expect(results).not.toContain(APIConnectionTimeoutError.name);
  });
});
