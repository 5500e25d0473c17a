// Request URLs: the base URL joined with a builder's path and the client's defaultQuery.
import { SDKError } from './errors.js';

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

/**
 * A link the API returned (a page's next-page URL), as a path after the base URL: absolute or
 * relative to the base URL, on the base URL's origin and under its path. Anything else would
 * send the client's credentials somewhere the caller never chose, so it is refused.
 */
export function linkedPath(link: string, baseURL: string): string {
  let url: URL;
  try {
    url = new URL(link, `${baseURL}/`);
  } catch {
    throw new SDKError('The next page link is not a URL.');
  }
  const base = new URL(baseURL);
  const prefix = base.pathname.replace(/\/+$/, '');
  if (
    url.origin !== base.origin ||
    !(url.pathname === prefix || url.pathname.startsWith(`${prefix}/`))
  ) {
    throw new SDKError(
      `The next page link points outside the client's base URL (${base.origin}${prefix}); the client does not follow it.`,
    );
  }
  return url.pathname.slice(prefix.length) + url.search;
}
