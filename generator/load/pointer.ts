// RFC 6901 JSON pointers: the single implementation used by every stage.

export function encodePointer(segments: readonly (string | number)[]): string {
  return segments.map((segment) => `/${String(segment).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

export function decodePointer(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (!body.startsWith('/')) throw new Error(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  return body
    .slice(1)
    .split('/')
    .map((segment) => decodeURIComponentSafe(segment).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `#/a/b` fragments may percent-encode characters (RFC 6901 §6); a bare `%` stays as it is. */
function decodeURIComponentSafe(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The node at decoded pointer segments (an array's by index); undefined where there is none. */
export function valueAt(root: unknown, segments: readonly string[]): unknown {
  let node = root;
  for (const segment of segments) {
    if (Array.isArray(node) && /^\d+$/.test(segment)) node = node[Number(segment)];
    else if (typeof node === 'object' && node !== null && Object.hasOwn(node, segment)) node = (node as Record<string, unknown>)[segment];
    else return undefined;
  }
  return node;
}

export function childPointer(pointer: string, ...segments: readonly (string | number)[]): string {
  return pointer + encodePointer(segments);
}
