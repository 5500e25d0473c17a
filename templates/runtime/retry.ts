// When to retry and how long to wait: openai-node's rules (408/409/429/5xx, x-should-retry,
// retry-after-ms over retry-after, 0.5s * 2^n capped at 8s, up to 25% jitter downwards).

/** Clock seams. The client takes these as a third constructor argument so tests need not wait. */
export interface RetryHooks {
  /** Waits `ms`; rejects as soon as `signal` aborts. */
  readonly sleep: (ms: number, signal: AbortSignal | undefined) => Promise<void>;
  /** A number in [0, 1), used for jitter. */
  readonly random: () => number;
}

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RETRY_AFTER = 60_000;
const INITIAL_DELAY = 500;
const MAX_DELAY = 8_000;

/** Whether a failed response should be retried: the server's `x-should-retry` wins, then the status. */
export function isRetryableResponse(status: number, headers: Headers): boolean {
  const verdict = headers.get('x-should-retry');
  if (verdict === 'true') return true;
  if (verdict === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Milliseconds to wait before retry number `retryIndex` (0 for the first retry). A wait the
 * server asks for is honoured up to `maxRetryAfter`; otherwise exponential backoff with jitter.
 */
export function retryDelay(
  retryIndex: number,
  headers: Headers | undefined,
  maxRetryAfter: number,
  random: () => number,
): number {
  const requested = headers === undefined ? undefined : requestedDelay(headers);
  if (requested !== undefined) return Math.min(requested, maxRetryAfter);
  const base = Math.min(INITIAL_DELAY * 2 ** retryIndex, MAX_DELAY);
  return base * (1 - random() * 0.25);
}

/** `retry-after-ms` (not standard, but more precise) wins over `retry-after` (seconds or an HTTP date). */
function requestedDelay(headers: Headers): number | undefined {
  const millis = headers.get('retry-after-ms');
  if (millis !== null) {
    const value = Number.parseFloat(millis);
    if (Number.isFinite(value) && value >= 0) return value;
  }
  const after = headers.get('retry-after')?.trim();
  if (after === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(after)) return Number.parseFloat(after) * 1000;
  // Only an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`, or RFC 850's `Sunday, 06-Nov-94 ...`):
  // Date.parse reads almost anything ('-1', 'abc 1') as some day in 2001, skipping the backoff.
  const date = /^\w+, \d\d[ -]\w+[ -]\d+ [\d:]+ GMT$/.test(after) ? Date.parse(after) : Number.NaN;
  // A date in the past means "now".
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/** The longest wait setTimeout takes: it fires at once for anything above 2^31 - 1 ms. */
export const MAX_TIMER = 2_147_483_647;

/** setTimeout as a promise that rejects with the signal's reason as soon as the signal aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const delay = Math.min(ms, MAX_TIMER);
    if (signal === undefined) {
      setTimeout(resolve, delay);
      return;
    }
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, delay);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

export const DEFAULT_RETRY_HOOKS: RetryHooks = { sleep, random: Math.random };
