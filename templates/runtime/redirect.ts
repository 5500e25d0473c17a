// Redirects are followed by the client, not by fetch (`redirect: 'manual'`): fetch drops only
// Authorization when a redirect leaves the origin, and would send every other credential header
// (api-key, x-api-key, cookie, proxy-authorization, ...) to whichever host the server names.
import { containsSecret, isSensitiveHeader, setOwn } from './redact.js';
import type { HeaderRecord } from './headers.js';

/** As in the fetch standard. */
export const MAX_REDIRECTS = 20;

export function isRedirect(status: number): boolean {
  return status === 301 || status === 302 || status === 303 || status === 307 || status === 308;
}

/**
 * Whether a header is a credential: a known one, or any that holds the client's key (an apiKey
 * scheme's own header, or one the caller set in defaultHeaders).
 */
function isCredential(name: string, value: string, secret: string): boolean {
  return isSensitiveHeader(name) || containsSecret(value, secret);
}

/** Whether any header is a credential fetch would keep across origins (all but Authorization). */
export function hasCustomCredentials(headers: HeaderRecord, secret: string): boolean {
  for (const name in headers) {
    if (name !== 'authorization' && isCredential(name, headers[name]!, secret)) return true;
  }
  return false;
}

export interface Hop {
  readonly method: string;
  readonly headers: HeaderRecord;
  /** False when the body is dropped (303, or 301/302 after a POST: the next request is a GET). */
  readonly keepsBody: boolean;
}

/**
 * The request that follows a redirect, as the fetch standard builds it: 303 (and 301/302 after
 * a POST) turns into a GET without a body or its content headers, and leaving the origin
 * (another scheme, host or port) drops every credential header: a known one, or any that holds
 * the client's key (`secret`).
 */
export function nextHop(
  status: number,
  method: string,
  headers: HeaderRecord,
  from: URL,
  to: URL,
  secret: string,
): Hop {
  const toGet =
    (status === 303 && method !== 'GET' && method !== 'HEAD') ||
    ((status === 301 || status === 302) && method === 'POST');
  const next: HeaderRecord = {};
  const crossOrigin = from.origin !== to.origin;
  for (const name in headers) {
    if (crossOrigin && isCredential(name, headers[name]!, secret)) continue;
    if (toGet && name.startsWith('content-')) continue;
    setOwn(next, name, headers[name]!);
  }
  return { method: toGet ? 'GET' : method, headers: next, keepsBody: !toGet };
}
