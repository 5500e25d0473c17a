// Parses a spec's text (YAML or JSON) into plain data, keeping source positions so that any
// JSON pointer can be turned into `file:line:col`. Pure: the caller reads the file.
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { defaultHint, type DiagnosticCode } from '../diagnostics/codes.js';
import { SpecError, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { decodePointer } from './pointer.js';

export interface LoadedSpec {
  readonly file: string;
  readonly text: string;
  /** The parsed document as plain JSON-compatible data. */
  readonly root: unknown;
  /** Where a pointer's node starts; for a missing node, its nearest existing ancestor. */
  locate(pointer: string): SourceLocation;
}

export function loadSpec(file: string, text: string): LoadedSpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, keepSourceTokens: false });
  if (doc.errors.length > 0) {
    throw new SpecError(
      doc.errors.map((error): Diagnostic => {
        const code: DiagnosticCode = error.code === 'DUPLICATE_KEY' ? 'load/duplicate-key' : 'load/yaml-syntax';
        const { line, col } = lineCounter.linePos(error.pos[0]);
        const isJson = /\.json$/i.test(file);
        return {
          code,
          severity: 'error',
          message: firstLine(error.message),
          hint: isJson && code === 'load/yaml-syntax' ? 'Fix the JSON syntax at this position (a missing comma, bracket or quote is the usual cause).' : defaultHint(code),
          at: { file, line, column: col, pointer: '' },
        };
      }),
    );
  }

  const locate = (pointer: string): SourceLocation => {
    const { line, col } = lineCounter.linePos(startOffset(doc, decodePointer(pointer)));
    return { file, line, column: col, pointer };
  };
  let root: unknown;
  try {
    // a bounded alias count stops "billion laughs" documents from exhausting memory
    root = doc.toJS({ maxAliasCount: 1_000 });
  } catch (error) {
    throw new SpecError([
      {
        code: 'load/yaml-syntax',
        severity: 'error',
        message: `The YAML cannot be expanded: ${firstLine((error as Error).message)}.`,
        hint: 'Replace deeply nested aliases (*name) with plain values; sdkgen expands at most 1,000 aliases.',
        at: locate(''),
      },
    ]);
  }
  if (root === null || typeof root !== 'object' || Array.isArray(root)) {
    throw new SpecError([
      {
        code: 'load/not-an-object',
        severity: 'error',
        message: root === null || root === undefined ? 'The spec is empty.' : 'The spec is not a mapping of OpenAPI fields.',
        hint: defaultHint('load/not-an-object'),
        at: locate(''),
      },
    ]);
  }
  return { file, text, root, locate };
}

/**
 * The offset where the node at `segments` starts. A scalar points at its value; a collection
 * under a key points at the key, which is the line a person looks for.
 */
function startOffset(doc: Document, segments: readonly string[]): number {
  let node: unknown = doc.contents;
  let best = rangeStart(node) ?? 0;
  for (const segment of segments) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) return best;
      node = pair.value;
      const keyStart = rangeStart(pair.key);
      const valueStart = rangeStart(node);
      best = (isScalar(node) ? valueStart : keyStart) ?? keyStart ?? best;
    } else if (isSeq(node)) {
      const index = Number(segment);
      const item = Number.isInteger(index) ? node.items[index] : undefined;
      if (item === undefined) return best;
      node = item;
      best = rangeStart(node) ?? best;
    } else {
      return best;
    }
  }
  return best;
}

function rangeStart(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
