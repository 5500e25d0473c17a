// Rule: an OpenAPI 3.2 Media Type keyword that changes what a client must send, and that sdkgen
// does not implement, is a located warning, never dropped in silence. `itemEncoding` and
// `prefixEncoding` set the content type and headers of the parts of a multipart body by
// position; sdkgen encodes every part the way `encoding` (or the default) says.
import { defaultHint } from '../../diagnostics/codes.js';
import type { Diagnostic } from '../../diagnostics/diagnostic.js';
import { isRecord } from '../../load/json-node.js';
import type { LoadedSpec } from '../../load/load-spec.js';
import { childPointer, pointerOfPath, type PointerPath } from '../../load/pointer.js';

const UNSUPPORTED_MEDIA_TYPE_KEYWORDS: Readonly<Record<string, string>> = {
  itemEncoding: 'each part of this body is encoded as `encoding` (or the default for its value) says',
  prefixEncoding: 'each part of this body is encoded as `encoding` (or the default for its value) says',
};

/** Keys whose values are schemas or examples: no Media Type object is in them. */
const SKIPPED: ReadonlySet<string> = new Set(['schema', 'itemSchema', 'example', 'examples']);

export function checkUnsupportedKeywords(spec: LoadedSpec): Diagnostic[] {
  const problems: Diagnostic[] = [];
  const inspect = (media: unknown, pointer: string) => {
    if (!isRecord(media)) return;
    for (const [keyword, effect] of Object.entries(UNSUPPORTED_MEDIA_TYPE_KEYWORDS)) {
      if (!(keyword in media)) continue;
      problems.push({
        code: 'validate/unsupported-keyword',
        severity: 'warning',
        message: `\`${keyword}\` (OpenAPI 3.2) is not supported: sdkgen reads it without effect, and ${effect}.`,
        hint: defaultHint('validate/unsupported-keyword'),
        at: spec.locate(childPointer(pointer, keyword)),
      });
    }
  };
  // Media Type objects sit in a `content` map (of a request body, a response, a parameter or a
  // header) and in components/mediaTypes; a schema property named `content` is not one. The walk
  // makes a pointer only for a Media Type object (PointerPath).
  const walk = (node: unknown, path: PointerPath | undefined, key: string | undefined, parentKey: string | undefined) => {
    // schemas, examples and extensions hold no Media Type object (an example's `content` is data)
    if (key !== undefined && (SKIPPED.has(key) || key.startsWith('x-') || (key === 'schemas' && parentKey === 'components'))) return;
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, { parent: path, key: String(index) }, undefined, key));
      return;
    }
    if (!isRecord(node)) return;
    const isMediaTypeMap = key === 'content' && parentKey !== 'properties';
    for (const childKey of Object.keys(node)) {
      const child = node[childKey];
      const at = { parent: path, key: childKey };
      if (isMediaTypeMap && isRecord(child)) inspect(child, pointerOfPath(at));
      walk(child, at, childKey, key);
    }
  };
  walk(spec.root, undefined, undefined, undefined);
  const root = spec.root;
  const mediaTypes = isRecord(root) && isRecord(root['components']) ? root['components']['mediaTypes'] : undefined;
  if (isRecord(mediaTypes))
    for (const [name, media] of Object.entries(mediaTypes)) inspect(media, childPointer('/components/mediaTypes', name));
  return problems;
}
