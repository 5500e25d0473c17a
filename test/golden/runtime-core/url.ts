// Request URLs: the base URL joined with a builder's path and the client's defaultQuery, the
// one percent-encoding of query text that the builders and a request's extra query share, and
// how a number is written in a URL or a header.
import { ValidationError, type ValidationIssue } from './errors.js';

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

/** encodeURIComponent, or a ValidationError (issue at `path`) for a lone surrogate. */
export function encodeQueryText(
  text: string,
  path: ValidationIssue['path'],
  heading: string,
): string {
  try {
    return encodeURIComponent(text);
  } catch {
    throw new ValidationError(
      [
        {
          path,
          message: 'query parameter must be well-formed Unicode (it contains a lone surrogate)',
        },
      ],
      heading,
    );
  }
}

/**
 * A parameter value as a URL or a header writes it: an integer in plain digits, where String
 * gives `1e+21` from 10^21 up (a server reading an integer parameter refuses that); anything
 * else as String does.
 */
export function scalarText(value: unknown): string {
  return typeof value === 'number' && Number.isInteger(value) && Math.abs(value) >= 1e21
    ? BigInt(value).toString()
    : String(value);
}
