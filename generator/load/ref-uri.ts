// What a `$ref` string names, resolved against the file that holds it (RFC 3986 §5.2: a relative
// reference is merged with the referring document's folder and its dot segments removed).
// `#/a/b` is a JSON pointer into that same file; `other.yaml` with no fragment is all of it.
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { decodePointer, encodePointer } from './pointer.js';

export type RefUri =
  /** `#/a/b`: a node of the referring file. */
  | { readonly kind: 'fragment'; readonly pointer: string }
  /** `./pet.yaml`, `../common.yaml#/components/schemas/Error`, `/abs/path.json`. */
  | { readonly kind: 'file'; readonly path: string; readonly pointer: string; readonly isAbsolute: boolean }
  /** `https://…`, `urn:…`: anything that is not a file; never fetched. */
  | { readonly kind: 'url'; readonly scheme: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/**
 * `ref` as written in the file at the absolute path `from`, whose root may name its own URI in
 * `$self` (OpenAPI 3.2: the document's base URI for its relative refs).
 */
export function parseRefUri(ref: string, from: string, self?: unknown): RefUri {
  if (typeof self === 'string' && self !== '') return parseAgainstSelf(ref, from, self);
  const hash = ref.indexOf('#');
  const location = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  const pointer = normalizePointer(fragment);
  if (pointer === undefined) {
    return {
      kind: 'invalid',
      reason: `its fragment "#${fragment}" is not a JSON pointer (sdkgen reads "#/path/to/node" fragments, not named anchors)`,
    };
  }
  if (location === '') return { kind: 'fragment', pointer };
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(location)?.[1];
  // `C:\specs\pet.yaml` is a Windows path, not a URL with the scheme `c`
  if (scheme !== undefined && !/^[A-Za-z]:[\\/]/.test(location)) {
    if (scheme.toLowerCase() !== 'file') return { kind: 'url', scheme: scheme.toLowerCase() };
    try {
      return { kind: 'file', path: fileURLToPath(location), pointer, isAbsolute: true };
    } catch (error) {
      return { kind: 'invalid', reason: `it is not a usable file URL (${(error as Error).message})` };
    }
  }
  const path = decodePercent(location);
  return { kind: 'file', path: resolve(dirname(from), path), pointer, isAbsolute: isAbsolute(path) };
}

/**
 * OpenAPI 3.2 `$self`: `ref` is resolved against the document's own URI (itself resolved against
 * the file's location when relative). A ref to that URI (`https://example.com/api.yaml#/a`) is
 * a fragment of this document; one to a URI beside it (`https://example.com/schemas.yaml`) is
 * the file at the same place beside this file, since sdkgen never fetches: `$self` names where
 * the documents are published, the files on disk are laid out alike. Anything else is a URL.
 */
function parseAgainstSelf(ref: string, from: string, self: string): RefUri {
  let base: URL;
  let target: URL;
  try {
    base = new URL(self, pathToFileURL(from));
    target = new URL(ref, base);
  } catch {
    return { kind: 'invalid', reason: `it does not resolve against the document's \`$self\` ${JSON.stringify(self)} to a URI` };
  }
  const fragment = target.hash === '' ? '' : decodePercent(target.hash.slice(1));
  const pointer = normalizePointer(fragment);
  if (pointer === undefined) {
    return {
      kind: 'invalid',
      reason: `its fragment "#${fragment}" is not a JSON pointer (sdkgen reads "#/path/to/node" fragments, not named anchors)`,
    };
  }
  const withoutHash = (url: URL) => `${url.origin === 'null' ? `${url.protocol}//${url.host}` : url.origin}${url.pathname}${url.search}`;
  if (withoutHash(target) === withoutHash(base)) return { kind: 'fragment', pointer };
  if (target.protocol === 'file:' && base.protocol === 'file:') {
    // the document calls itself by another file path: paths below are that path's neighbours
    const relative = decodePercent(relativePath(base.pathname, target.pathname));
    return { kind: 'file', path: resolve(dirname(from), relative), pointer, isAbsolute: false };
  }
  const folder = base.pathname.slice(0, base.pathname.lastIndexOf('/') + 1);
  if (target.origin === base.origin && target.protocol === base.protocol && target.search === '' && target.pathname.startsWith(folder)) {
    return { kind: 'file', path: resolve(dirname(from), decodePercent(target.pathname.slice(folder.length))), pointer, isAbsolute: false };
  }
  return { kind: 'url', scheme: target.protocol.slice(0, -1).toLowerCase() };
}

/**
 * A ref that is a URL (`https://api.example.com/openapi.yaml#/components/schemas/Pet`), made
 * absolute against the document's `$self` (or its file), split into the document URI and the
 * pointer: the key to look up a document by its own `$self` (OpenAPI 3.2).
 */
export function refDocumentUri(ref: string, from: string, self?: unknown): { readonly uri: string; readonly pointer: string } | undefined {
  try {
    const base = new URL(typeof self === 'string' && self !== '' ? self : '', pathToFileURL(from));
    const target = new URL(ref, base);
    const pointer = normalizePointer(target.hash === '' ? '' : decodePercent(target.hash.slice(1)));
    if (pointer === undefined) return undefined;
    target.hash = '';
    return { uri: target.href, pointer };
  } catch {
    return undefined;
  }
}

/** A document's own URI from its `$self`, resolved against its file, without a fragment. */
export function selfUri(self: string, path: string): string | undefined {
  try {
    const url = new URL(self, pathToFileURL(path));
    url.hash = '';
    return url.href;
  } catch {
    return undefined;
  }
}

/** The path from the folder of `fromPath` to `toPath`, both URL paths. */
function relativePath(fromPath: string, toPath: string): string {
  const from = fromPath.split('/').slice(0, -1);
  const to = toPath.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}

/** `''` or `/a/b` with every segment in its canonical escaped form, so equal pointers compare equal. */
function normalizePointer(fragment: string): string | undefined {
  if (fragment !== '' && !fragment.startsWith('/')) return undefined;
  return encodePointer(decodePointer(fragment));
}

/** A URI path may percent-encode characters (`my%20schemas/pet.yaml`); a stray `%` is kept as written. */
function decodePercent(text: string): string {
  try {
    return decodeURI(text);
  } catch {
    return text;
  }
}
