// $ref resolution. A ref to `#/components/schemas/X` stays a named reference (that is how
// recursion is expressed); any other local ref is followed to its node. Refs to other files
// were bundled into the document by load/bundle-refs.ts; one left over stands where OpenAPI
// allows no ref, and is reported.
import { defaultHint } from '../diagnostics/codes.js';
import type { Diagnostic, SourceLocation } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/suggest.js';
import { childPointer, decodePointer, encodePointer, nodeAt, valueAt } from '../load/pointer.js';

export interface RefTarget {
  /** The JSON pointer of the referenced node. */
  readonly pointer: string;
  readonly value: unknown;
  /** Set when the ref names a component schema. */
  readonly componentKey?: string;
}

export function resolveRef(ref: string, at: string, root: unknown, locate: (pointer: string) => SourceLocation): RefTarget | Diagnostic {
  if (!ref.startsWith('#')) {
    return {
      code: 'model/external-ref',
      severity: 'error',
      message: `The $ref ${JSON.stringify(ref)} points into another file but was not bundled: it stands where OpenAPI allows no $ref, or an overlay wrote it (overlays apply after the spec's files are bundled), so sdkgen does not follow it.`,
      hint: defaultHint('model/external-ref'),
      at: locate(at),
    };
  }
  let segments: string[];
  try {
    segments = decodePointer(ref);
  } catch {
    return unresolved(ref, at, locate, 'is not a valid JSON pointer');
  }
  const node = valueAt(root, segments); // undefined only where there is nothing: JSON holds no undefined
  if (node === undefined) {
    const found = nodeAt(root, ref);
    if ('node' in found) return unresolved(ref, at, locate, 'points at nothing');
    // not the node the ref stands in (`Thing` inside `Things` is not a misspelt `Things`)
    const near = closestMatch(
      found.missing,
      found.keys.filter((key) => {
        const candidate = childPointer(found.parent, key);
        return !(at === candidate || at.startsWith(`${candidate}/`));
      }),
    );
    // the whole ref with the near key, when the rest of its path is there too
    let suggestion: string | undefined;
    if (near !== undefined) {
      const corrected = [...segments.slice(0, found.depth), near];
      const whole = [...corrected, ...segments.slice(found.depth + 1)];
      suggestion = encodePointer(valueAt(root, whole) !== undefined ? whole : corrected);
    }
    return {
      ...unresolved(
        ref,
        at,
        locate,
        `points at nothing: ${found.parent === '' ? 'the document' : `\`${found.parent}\``} has no \`${found.missing}\``,
      ),
      ...(suggestion !== undefined ? { hint: `Did you mean \`#${suggestion}\`?` } : {}),
    };
  }
  // the canonical spelling (`{` where the ref may write `%7B`), as the other stages write pointers
  const pointer = encodePointer(segments);
  const componentKey = componentSchemaKey(segments);
  return componentKey !== undefined ? { pointer, value: node, componentKey } : { pointer, value: node };
}

/** The node of the component schema `key` (`#/components/schemas/<key>`), or undefined when there is none. */
export function componentSchema(root: unknown, key: string): unknown {
  return valueAt(root, ['components', 'schemas', key]);
}
/** The key of the component schema a ref's decoded pointer names (`#/components/schemas/X`), if it names one. */
export function componentSchemaKey(segments: readonly string[]): string | undefined {
  return segments.length === 3 && segments[0] === 'components' && segments[1] === 'schemas' ? segments[2] : undefined;
}

function unresolved(ref: string, at: string, locate: (pointer: string) => SourceLocation, what: string): Diagnostic {
  return {
    code: 'model/unresolved-ref',
    severity: 'error',
    message: `The $ref ${JSON.stringify(ref)} ${what}.`,
    hint: defaultHint('model/unresolved-ref'),
    at: locate(at),
  };
}

/** Follows refs (of parameters, request bodies, responses) until a non-ref node; cycles end with a diagnostic. */
export function followRefs(
  value: unknown,
  pointer: string,
  root: unknown,
  locate: (pointer: string) => SourceLocation,
): { value: unknown; pointer: string } | Diagnostic {
  const seen = new Set<string>();
  let current = { value, pointer };
  while (typeof current.value === 'object' && current.value !== null && typeof (current.value as { $ref?: unknown }).$ref === 'string') {
    const ref = (current.value as { $ref: string }).$ref;
    if (seen.has(ref)) {
      return {
        code: 'model/ref-cycle',
        severity: 'error',
        message: `The $ref ${JSON.stringify(ref)} leads back to itself.`,
        hint: defaultHint('model/ref-cycle'),
        at: locate(`${current.pointer}/$ref`),
      };
    }
    seen.add(ref);
    const target = resolveRef(ref, `${current.pointer}/$ref`, root, locate);
    if ('code' in target) return target;
    current = { value: target.value, pointer: target.pointer };
  }
  return current;
}
