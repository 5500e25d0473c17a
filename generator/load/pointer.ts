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

/**
 * The node at a pointer, or where the path to it stops: the pointer of the last node found, how
 * many segments it is deep, the segment it lacks and the keys it has (for "did you mean").
 */
export function nodeAt(
  root: unknown,
  pointer: string,
): { node: unknown } | { parent: string; depth: number; missing: string; keys: string[] } {
  let node = root;
  const segments = decodePointer(pointer);
  for (const [index, segment] of segments.entries()) {
    const next = Array.isArray(node)
      ? /^\d+$/.test(segment)
        ? node[Number(segment)]
        : undefined
      : typeof node === 'object' && node !== null && Object.hasOwn(node, segment)
        ? (node as Record<string, unknown>)[segment]
        : undefined;
    if (next === undefined) {
      const keys = typeof node === 'object' && node !== null && !Array.isArray(node) ? Object.keys(node) : [];
      return { parent: encodePointer(segments.slice(0, index)), depth: index, missing: segment, keys };
    }
    node = next;
  }
  return { node };
}

export function childPointer(pointer: string, ...segments: readonly (string | number)[]): string {
  return pointer + encodePointer(segments);
}

/**
 * A node's place in a walk over a document: its key (or index) and its parent's place. A walk
 * passes these links down and makes a pointer (pointerOfPath) only for a node it reports: a
 * pointer string per node of the whole OpenAI spec made 26 MB of garbage a run.
 */
export interface PointerPath {
  readonly parent: PointerPath | undefined;
  readonly key: string;
}

export function pointerOfPath(path: PointerPath | undefined): string {
  const segments: string[] = [];
  for (let node = path; node !== undefined; node = node.parent) segments.push(node.key);
  return encodePointer(segments.reverse());
}
