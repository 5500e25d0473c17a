// Request URLs: the base URL joined with a builder's path and the client's defaultQuery.
/** Appends the client's defaultQuery; keys already in the path's own query win. */
export function withDefaultQuery(path: string, queryStart: number, query: string): string {
  if (query === '') return path;
  if (queryStart === -1) return `${path}?${query}`;
  const own = new URLSearchParams(path.slice(queryStart + 1));
  const extra = new URLSearchParams();
  new URLSearchParams(query).forEach((value, key) => {
    if (!own.has(key)) extra.append(key, value);
  });
  const rest = extra.toString();
  return rest === '' ? path : `${path}&${rest}`;
}

/** `https://api.example.com` for messages; never the path or query, which may carry identifiers. */
export function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'the server';
  }
}
