// Reads an OpenAPI Overlay 1.0 document (https://spec.openapis.org/overlay/v1.0.0) and checks
// its form: every problem is a located diagnostic in the overlay file, a target's JSONPath error
// at the column where the expression goes wrong. Pure: the caller reads the file.
import { defaultHint } from '../diagnostics/codes.js';
import { SpecError, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/suggest.js';
import { isRecord } from './json-node.js';
import { JsonPathSyntaxError, parseJsonPath, type JsonPathQuery } from './json-path.js';
import { loadSpec, type LoadedSpec } from './load-spec.js';
import { childPointer } from './pointer.js';

export interface OverlayAction {
  /** Where the action is in its overlay file (`/actions/2`). */
  readonly pointer: string;
  readonly target: JsonPathQuery;
  /** The value to merge or append; absent for a remove. */
  readonly update?: unknown;
  readonly isRemove: boolean;
}

export interface OverlayDocument {
  readonly file: string;
  readonly text: string;
  readonly locate: (pointer: string) => SourceLocation;
  readonly actions: readonly OverlayAction[];
}

const ROOT_KEYS = ['overlay', 'info', 'extends', 'actions'];
const INFO_KEYS = ['title', 'version'];
const ACTION_KEYS = ['target', 'description', 'update', 'remove'];

/** Parses and checks one overlay file; throws a SpecError holding every problem found in it. */
export function readOverlay(file: string, text: string): OverlayDocument {
  let loaded: LoadedSpec;
  try {
    loaded = loadSpec(file, text);
  } catch (error) {
    // loadSpec words an empty or non-mapping document as a spec; say what an overlay is instead
    if (error instanceof SpecError && error.diagnostics.some((d) => d.code === 'load/not-an-object')) {
      throw new SpecError(
        [problem(error.diagnostics[0]!.at, 'The overlay is not a mapping with `overlay: 1.0.0`, `info` and `actions`.')],
        new Map([[file, text]]),
      );
    }
    throw error;
  }
  const root = loaded.root as Record<string, unknown>;
  const problems: Diagnostic[] = [];
  const report = (pointer: string, message: string, hint?: string) => problems.push(problem(loaded.locate(pointer), message, hint));
  checkKeys(root, '', ROOT_KEYS, 'an overlay', report);

  const version = root['overlay'];
  if (version === undefined)
    report('', 'The overlay has no `overlay` version field; an Overlay 1.0 document starts with `overlay: 1.0.0`.');
  else if (typeof version !== 'string' || !/^1\.0\.\d+$/.test(version)) {
    report(
      '/overlay',
      `\`overlay: ${JSON.stringify(version)}\` is not a version sdkgen reads; it applies Overlay 1.0 documents (\`overlay: 1.0.0\`).`,
    );
  }
  const info = root['info'];
  if (!isRecord(info)) report(info === undefined ? '' : '/info', 'The overlay needs an `info` mapping with a `title` and a `version`.');
  else {
    checkKeys(info, '/info', INFO_KEYS, '`info`', report);
    for (const key of INFO_KEYS)
      if (typeof info[key] !== 'string') report(key in info ? `/info/${key}` : '/info', `\`info.${key}\` must be a string.`);
  }
  if (root['extends'] !== undefined && typeof root['extends'] !== 'string')
    report('/extends', '`extends` must be a string: the URL of the document the overlay is written for.');

  const rawActions = root['actions'];
  const actions: OverlayAction[] = [];
  if (!Array.isArray(rawActions) || rawActions.length === 0) {
    report(
      rawActions === undefined ? '' : '/actions',
      'The overlay needs a non-empty `actions` list of `{ target, update }` or `{ target, remove: true }`.',
    );
  } else {
    rawActions.forEach((raw, index) => {
      const pointer = childPointer('/actions', index);
      const action = readAction(raw, pointer, loaded, report, problems);
      if (action !== undefined) actions.push(action);
    });
  }
  if (problems.length > 0) throw new SpecError(problems, new Map([[file, text]]));
  return { file, text, locate: loaded.locate, actions };
}

function readAction(
  raw: unknown,
  pointer: string,
  loaded: LoadedSpec,
  report: (pointer: string, message: string, hint?: string) => void,
  problems: Diagnostic[],
): OverlayAction | undefined {
  if (!isRecord(raw)) {
    report(pointer, 'An action is a mapping with a `target` and either `update` or `remove: true`.');
    return undefined;
  }
  const before = problems.length;
  checkKeys(raw, pointer, ACTION_KEYS, 'an action', report);
  if (raw['description'] !== undefined && typeof raw['description'] !== 'string')
    report(childPointer(pointer, 'description'), '`description` must be a string.');
  const remove = raw['remove'];
  if (remove !== undefined && typeof remove !== 'boolean') report(childPointer(pointer, 'remove'), '`remove` must be true or false.');
  const isRemove = remove === true;
  const hasUpdate = Object.hasOwn(raw, 'update');
  if (isRemove && hasUpdate)
    report(
      pointer,
      'The action has both `update` and `remove: true`; an action does one of them.',
      'Split it into two actions with the same target: the remove first, then the update, or the other way round.',
    );
  if (!isRemove && !hasUpdate) report(pointer, 'The action has neither `update` nor `remove: true`, so it would do nothing.');
  const targetText = raw['target'];
  let target: JsonPathQuery | undefined;
  if (typeof targetText !== 'string')
    report(
      Object.hasOwn(raw, 'target') ? childPointer(pointer, 'target') : pointer,
      "The action needs a `target`: a JSONPath expression such as `$.paths['/pets'].get`.",
    );
  else {
    try {
      target = parseJsonPath(targetText);
    } catch (error) {
      if (!(error instanceof JsonPathSyntaxError)) throw error;
      problems.push(
        problem(
          targetColumn(loaded, childPointer(pointer, 'target'), error.offset),
          `The target is not a valid JSONPath (RFC 9535): ${error.message}`,
          "See RFC 9535 for the syntax; common forms are `$.paths['/pets'].get`, `$.paths.*[?@.operationId == 'listPets']` (an operation by operationId) and `$.tags[?@.name == 'pets']`.",
        ),
      );
    }
  }
  if (problems.length > before || target === undefined) return undefined;
  return { pointer, target, isRemove, ...(hasUpdate ? { update: raw['update'] } : {}) };
}

/** The location of the character `offset` of a target's text: past the opening quote, when quoted on one line. */
function targetColumn(loaded: LoadedSpec, pointer: string, offset: number): SourceLocation {
  const at = loaded.locate(pointer);
  const line = loaded.text.split(/\r?\n/)[at.line - 1] ?? '';
  const opening = line[at.column - 1];
  const isQuoted = opening === '"' || opening === "'";
  const body = line.slice(at.column - 1 + (isQuoted ? 1 : 0));
  // past the first escape or the end of the line the column would guess; the value's start is sure
  const isExact = isQuoted ? !body.slice(0, offset).includes('\\') && !body.slice(0, offset).includes(opening) : body.length >= offset;
  return isExact ? { ...at, column: at.column + (isQuoted ? 1 : 0) + offset } : at;
}

function checkKeys(
  value: Record<string, unknown>,
  pointer: string,
  known: readonly string[],
  what: string,
  report: (pointer: string, message: string, hint?: string) => void,
): void {
  for (const key of Object.keys(value)) {
    if (known.includes(key) || key.startsWith('x-')) continue;
    const nearest = closestMatch(key, known);
    report(
      childPointer(pointer, key),
      `${what[0]!.toUpperCase()}${what.slice(1)} has no field \`${key}\`${nearest !== undefined ? `; did you mean \`${nearest}\`?` : '.'}`,
      `The fields of ${what} are ${known.map((k) => `\`${k}\``).join(', ')} (and \`x-\` extensions).`,
    );
  }
}

function problem(at: SourceLocation, message: string, hint?: string): Diagnostic {
  return { code: 'load/invalid-overlay', severity: 'error', message, hint: hint ?? defaultHint('load/invalid-overlay'), at };
}
