// Keeps the API key out of errors and logs: every occurrence of the secret in text, parsed
// bodies and headers is replaced before an error or log line is built from them.

export const REDACTED = '[redacted]';

/** Headers whose values are credentials; shown as `[redacted]` in debug logs. */
const SENSITIVE_HEADERS = new Set([
  'authorization',
  'proxy-authorization',
  'api-key',
  'x-api-key',
  'cookie',
  'set-cookie',
]);

/** Replaces every occurrence of `secret` in `text`. An empty secret changes nothing. */
export function scrubText(text: string, secret: string): string {
  return secret !== '' && text.includes(secret) ? text.split(secret).join(REDACTED) : text;
}

/** A copy of a JSON value (or any plain data) with the secret replaced in every string and key. */
export function scrubValue(value: unknown, secret: string): unknown {
  if (secret === '') return value;
  if (typeof value === 'string') return scrubText(value, secret);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secret));
  if (typeof value === 'object' && value !== null) {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value))
      copy[scrubText(key, secret)] = scrubValue(item, secret);
    return copy;
  }
  return value;
}

/** The same headers, or a scrubbed copy when any value carries the secret (e.g. an echoing proxy). */
export function scrubHeaders(headers: Headers, secret: string): Headers {
  if (secret === '') return headers;
  let leaks = false;
  headers.forEach((value) => {
    if (value.includes(secret)) leaks = true;
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
    out[name] = SENSITIVE_HEADERS.has(name.toLowerCase()) ? REDACTED : scrubText(value, secret);
  };
  if (headers instanceof Headers) headers.forEach(add);
  else for (const name of Object.keys(headers)) add(headers[name] ?? '', name);
  return out;
}
