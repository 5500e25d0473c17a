// Keeps the API key out of errors and logs: every occurrence of the secret in text, parsed
// bodies and headers is replaced before an error or log line is built from them. Any run of
// FRAGMENT or more consecutive characters of the key counts as the key, so a value cut short
// (by a message, a proxy, a log line) cannot leave a usable piece of it behind.

export const REDACTED = '[redacted]';

/** The shortest piece of a key that is redacted on its own (the whole key when it is shorter). */
export const FRAGMENT = 12;

/** Headers whose values are credentials; shown as `[redacted]` in debug logs. */
const SENSITIVE_HEADERS = /* @__PURE__ */ new Set([
  'authorization',
  'proxy-authorization',
  'api-key',
  'x-api-key',
  'cookie',
  'set-cookie',
]);

/** Whether a header carries a credential (never sent to another origin, never logged). */
export function isSensitiveHeader(name: string): boolean {
  return SENSITIVE_HEADERS.has(name.toLowerCase());
}

// A polynomial rolling hash over `size` UTF-16 units, modulo 2^32.
const BASE = 0x01000193;

interface Fragments {
  readonly secret: string;
  /** FRAGMENT, or the secret's length when it is shorter (it is then matched whole). */
  readonly size: number;
  /** The hashes of every `size`-long piece of the secret. */
  readonly hashes: ReadonlySet<number>;
  /** The pieces themselves, to confirm a hash hit. */
  readonly pieces: ReadonlySet<string>;
  /** BASE^(size - 1), to take the unit that leaves the window out of the hash. */
  readonly high: number;
}

// A client has one key; remembering the last one makes every later scrub O(text length).
let cached: Fragments | undefined;

function fragmentsOf(secret: string): Fragments {
  if (cached?.secret === secret) return cached;
  const size = Math.min(secret.length, FRAGMENT);
  const hashes = new Set<number>();
  const pieces = new Set<string>();
  let high = 1;
  for (let i = 1; i < size; i++) high = Math.imul(high, BASE);
  let hash = 0;
  for (let i = 0; i < secret.length; i++) {
    if (i >= size) hash = hash - Math.imul(secret.charCodeAt(i - size), high);
    hash = (Math.imul(hash, BASE) + secret.charCodeAt(i)) | 0;
    if (i >= size - 1) {
      hashes.add(hash);
      pieces.add(secret.slice(i - size + 1, i + 1));
    }
  }
  cached = { secret, size, hashes, pieces, high };
  return cached;
}

/**
 * Replaces every run of FRAGMENT or more characters that all lie in FRAGMENT-long pieces of
 * `secret` (so the key, and a key cut anywhere, is caught); a secret shorter than FRAGMENT is
 * matched whole. An empty secret changes nothing.
 */
export function scrubText(text: string, secret: string): string {
  if (secret === '' || text.length < Math.min(secret.length, FRAGMENT)) return text;
  const { size, hashes, pieces, high } = fragmentsOf(secret);
  let out = '';
  let copied = 0; // text before this index is already in `out`
  let runStart = -1;
  let runEnd = -1;
  let hash = 0;
  for (let i = 0; i < text.length; i++) {
    if (i >= size) hash = hash - Math.imul(text.charCodeAt(i - size), high);
    hash = (Math.imul(hash, BASE) + text.charCodeAt(i)) | 0;
    if (i < size - 1 || !hashes.has(hash)) continue;
    const start = i - size + 1;
    if (!pieces.has(text.slice(start, i + 1))) continue;
    if (runStart !== -1 && start <= runEnd) {
      runEnd = i + 1;
      continue;
    }
    if (runStart !== -1) {
      out += text.slice(copied, runStart) + REDACTED;
      copied = runEnd;
    }
    runStart = start;
    runEnd = i + 1;
  }
  if (runStart === -1) return text;
  return out + text.slice(copied, runStart) + REDACTED + text.slice(runEnd);
}

/** Whether `text` holds the secret or a piece of it that scrubText would replace. */
export function containsSecret(text: string, secret: string): boolean {
  return secret !== '' && scrubText(text, secret) !== text;
}

/**
 * A copy of a JSON value (or any plain data) with the secret replaced in every string and key.
 * Objects are copied key by key as own data properties, so a `__proto__` key stays a key (as
 * JSON.parse made it) and never becomes the copy's prototype. Iterative: a hostile body nested
 * a million levels deep cannot overflow the stack.
 */
export function scrubValue(value: unknown, secret: string): unknown {
  if (secret === '') return value;
  if (typeof value === 'string') return scrubText(value, secret);
  if (typeof value !== 'object' || value === null) return value;
  const root = shell(value);
  const pending: [source: object, copy: Record<string, unknown>][] = [[value, root]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [source, copy] = next;
    for (const [key, item] of Object.entries(source)) {
      let clean: unknown = item;
      if (typeof item === 'string') clean = scrubText(item, secret);
      else if (typeof item === 'object' && item !== null) {
        const inner = shell(item);
        pending.push([item, inner]);
        clean = inner;
      }
      setOwn(copy, Array.isArray(copy) ? key : scrubText(key, secret), clean);
    }
  }
  return root;
}

/** Whether any string or key in a JSON value holds the secret or a piece scrubText replaces. */
export function valueContainsSecret(value: unknown, secret: string): boolean {
  if (secret === '') return false;
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (containsSecret(next, secret)) return true;
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, item] of Object.entries(next)) {
        if (!Array.isArray(next) && containsSecret(key, secret)) return true;
        pending.push(item);
      }
    }
  }
  return false;
}

/** An empty array or plain object to copy `value` into. */
function shell(value: object): Record<string, unknown> {
  return Array.isArray(value)
    ? (new Array(value.length) as unknown as Record<string, unknown>)
    : {};
}

/** `target[key] = value`, except that `__proto__` becomes an own key, not the prototype. */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
  else target[key] = value;
}

/** The same headers, or a scrubbed copy when any value carries the secret (e.g. an echoing proxy). */
export function scrubHeaders(headers: Headers, secret: string): Headers {
  if (secret === '') return headers;
  let leaks = false;
  headers.forEach((value) => {
    if (!leaks && containsSecret(value, secret)) leaks = true;
  });
  if (!leaks) return headers;
  const copy = new Headers();
  headers.forEach((value, name) => copy.append(name, scrubText(value, secret)));
  return copy;
}

/** Header record for a debug log line: credentials replaced, other values scrubbed of the secret. */
export function headersForLog(
  headers: Headers | Readonly<Record<string, string>>,
  secret: string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const add = (value: string, name: string): void => {
    setOwn(out, name, isSensitiveHeader(name) ? REDACTED : scrubText(value, secret));
  };
  if (headers instanceof Headers) headers.forEach(add);
  else for (const name of Object.keys(headers)) add(headers[name] ?? '', name);
  return out;
}

/**
 * ` (<reason>)`: the innermost reason in an error chain ("connect ECONNREFUSED 127.0.0.1:9",
 * "other side closed", ...), scrubbed; '' when the chain gives none.
 */
export function scrubbedCause(error: unknown, secret: string): string {
  let current: unknown = error;
  let reason = '';
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    reason = current.message !== '' ? current.message : typeof code === 'string' ? code : reason;
    current = current.cause;
  }
  const clean = scrubText(reason, secret);
  return clean === '' ? '' : ` (${clean})`;
}
