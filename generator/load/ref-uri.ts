// What a `$ref` string names, resolved against the file that holds it (RFC 3986 §5.2: a relative
// reference is merged with the referring document's folder and its dot segments removed).
// `#/a/b` is a JSON pointer into that same file; `other.yaml` with no fragment is all of it.
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { decodePointer, encodePointer } from './pointer.js';

export type RefUri =
  /** `#/a/b`: a node of the referring file. */
  | { readonly kind: 'fragment'; readonly pointer: string }
  /** `./pet.yaml`, `../common.yaml#/components/schemas/Error`, `/abs/path.json`. */
  | { readonly kind: 'file'; readonly path: string; readonly pointer: string; readonly isAbsolute: boolean }
  /** `https://…`, `urn:…`: anything that is not a file; never fetched. */
  | { readonly kind: 'url'; readonly scheme: string }
  | { readonly kind: 'invalid'; readonly reason: string };

/** `ref` as written in the file at the absolute path `from`. */
export function parseRefUri(ref: string, from: string): RefUri {
  const hash = ref.indexOf('#');
  const location = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  const pointer = normalizePointer(fragment);
  if (pointer === undefined) {
    return { kind: 'invalid', reason: `its fragment "#${fragment}" is not a JSON pointer (sdkgen reads "#/path/to/node" fragments, not named anchors)` };
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
