// Applies Overlay 1.0 documents, then the config file's `operations` and `tags` settings (an
// implicit last overlay), to the loaded and bundled spec, before validation. Every node an
// action adds or changes remembers where it came from, so a later diagnostic about it points at
// the action's `update` (or the config setting), never at an unrelated line of the spec; nodes
// an array removal shifts keep their own lines too. Pure: the caller reads the files.
import { defaultHint } from '../diagnostics/codes.js';
import { SpecError, type Diagnostic, type SourceLocation } from '../diagnostics/diagnostic.js';
import { closestMatch } from '../diagnostics/suggest.js';
import type { BundledSpec } from './bundle-refs.js';
import { isRecord } from './json-node.js';
import { loadSpec } from './load-spec.js';
import { readOverlay, type OverlayAction, type OverlayDocument } from './overlay-document.js';
import { childPointer, decodePointer } from './pointer.js';

/** A file as read: its name as diagnostics show it, and its text. */
export interface SourceText {
  readonly file: string;
  readonly text: string;
}

export interface OverlaidSpec {
  readonly spec: BundledSpec;
  /** Actions that matched nothing, and config settings that name no operation or tag. */
  readonly warnings: readonly Diagnostic[];
}

/** The per-operation settings of the config file, and the spec extension each one writes. */
export const OPERATION_SETTINGS = {
  resource: 'x-sdk-resource',
  method: 'x-sdk-method',
  headers: 'x-sdk-headers',
  pagination: 'x-sdk-pagination',
} as const;
export const TAG_SETTINGS = { headers: 'x-sdk-headers' } as const;

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace', 'query'];

/** Where a node of the result came from: a file's locate and the pointer in that file. */
interface Origin {
  readonly locate: (pointer: string) => SourceLocation;
  readonly pointer: string;
}

type Container = Record<string, unknown> | unknown[];

/**
 * `overlays` in order, then `config` (the config file, whose `operations` and `tags` settings
 * win over every overlay). Throws a SpecError with every problem of the overlays.
 */
export function applyOverlays(spec: BundledSpec, overlays: readonly SourceText[], config?: SourceText): OverlaidSpec {
  if (overlays.length === 0 && config === undefined) return { spec, warnings: [] };
  const sources = new Map(spec.sources);
  for (const overlay of [...overlays, ...(config ? [config] : [])]) sources.set(overlay.file, overlay.text);
  const documents: OverlayDocument[] = [];
  const errors: Diagnostic[] = [];
  for (const overlay of overlays) {
    try {
      documents.push(readOverlay(overlay.file, overlay.text));
    } catch (error) {
      if (!(error instanceof SpecError)) throw error;
      errors.push(...error.diagnostics);
    }
  }
  if (errors.length > 0) throw new SpecError(errors, sources);

  const tracker = new Tracker(spec.root, { locate: spec.locate, pointer: '' });
  const warnings: Diagnostic[] = [];
  for (const document of documents) {
    for (const action of document.actions) applyAction(action, document, tracker, spec.file, errors, warnings);
  }
  if (config !== undefined) applyConfig(config, tracker, warnings);
  if (errors.length > 0) throw new SpecError([...errors, ...warnings], sources);
  return { spec: { ...spec, root: tracker.root, locate: (pointer) => tracker.locate(pointer), sources }, warnings };
}

function applyAction(
  action: OverlayAction,
  document: OverlayDocument,
  tracker: Tracker,
  specFile: string,
  errors: Diagnostic[],
  warnings: Diagnostic[],
): void {
  const targetPointer = childPointer(action.pointer, 'target');
  const matches = action.target.select(tracker.root);
  if (matches.length === 0) {
    warnings.push({
      code: 'load/overlay-no-match',
      severity: 'warning',
      message: `The target \`${action.target.text}\` matches nothing in ${specFile}, so this action changes nothing.`,
      hint: defaultHint('load/overlay-no-match'),
      at: document.locate(targetPointer),
    });
    return;
  }
  const error = (pointer: string, message: string, hint?: string) =>
    errors.push({
      code: 'load/invalid-overlay',
      severity: 'error',
      message,
      hint: hint ?? defaultHint('load/invalid-overlay'),
      at: document.locate(pointer),
    });
  if (action.isRemove) {
    if (matches.some((match) => match.path.length === 0))
      return void error(targetPointer, 'The target selects the whole document, which cannot be removed.');
    tracker.remove(matches.map((match) => match.path));
    return;
  }
  const origin: Origin = { locate: document.locate, pointer: childPointer(action.pointer, 'update') };
  for (const match of matches) {
    const where = match.path.length === 0 ? 'the document root' : `\`${pointerText(match.path)}\``;
    if (Array.isArray(match.value)) {
      const items = Array.isArray(action.update)
        ? action.update.map((item, index) => ({ item, origin: child(origin, index) }))
        : [{ item: action.update, origin }];
      for (const { item, origin: itemOrigin } of items) tracker.append(match.value, item, itemOrigin);
    } else if (isRecord(match.value)) {
      if (!isRecord(action.update)) {
        return void error(
          childPointer(action.pointer, 'update'),
          `The target selects a mapping (${where}), so \`update\` must be a mapping of the fields to merge into it.`,
          'Write `update` as the fields to set, e.g. `update: { description: New text }`; an array target takes any value to append.',
        );
      }
      tracker.merge(match.value, action.update, origin);
    } else {
      return void error(
        targetPointer,
        `The target selects ${match.value === null ? 'null' : `a ${typeof match.value}`} (${where}); \`update\` merges into mappings and appends to arrays.`,
        'Target the mapping that holds the value and update that key, e.g. target `$.info` with `update: { title: New }`.',
      );
    }
  }
}

/** The config file's `operations: { <operationId>: {...} }` and `tags: { <name>: {...} }`, applied as the last overlay. */
function applyConfig(config: SourceText, tracker: Tracker, warnings: Diagnostic[]): void {
  const loaded = loadSpec(config.file, config.text);
  const settings = loaded.root as Record<string, unknown>;
  const noMatch = (pointer: string, message: string, hint: string) =>
    warnings.push({ code: 'load/overlay-no-match', severity: 'warning', message, hint, at: loaded.locate(pointer) });
  const root = tracker.root;
  const operations = new Map<string, Record<string, unknown>[]>();
  const usedTags = new Set<string>();
  if (isRecord(root) && isRecord(root['paths'])) {
    for (const pathItem of Object.values(root['paths'])) {
      if (!isRecord(pathItem)) continue;
      const additional = isRecord(pathItem['additionalOperations']) ? Object.values(pathItem['additionalOperations']) : [];
      for (const operation of [...HTTP_METHODS.map((method) => pathItem[method]), ...additional]) {
        if (!isRecord(operation)) continue;
        if (typeof operation['operationId'] === 'string')
          operations.set(operation['operationId'], [...(operations.get(operation['operationId']) ?? []), operation]);
        if (Array.isArray(operation['tags'])) for (const tag of operation['tags']) if (typeof tag === 'string') usedTags.add(tag);
      }
    }
  }
  const byOperation = isRecord(settings['operations']) ? settings['operations'] : {};
  for (const [operationId, values] of Object.entries(byOperation)) {
    const pointer = childPointer('/operations', operationId);
    const targets = operations.get(operationId);
    if (targets === undefined) {
      const nearest = closestMatch(operationId, operations.keys());
      noMatch(
        pointer,
        `No operation of the spec has the operationId \`${operationId}\`, so these settings change nothing.`,
        nearest !== undefined ? `Did you mean \`${nearest}\`?` : 'The keys of `operations` are operationIds of the spec.',
      );
      continue;
    }
    if (!isRecord(values)) continue; // load-config checked the form
    for (const operation of targets) {
      for (const [key, extension] of Object.entries(OPERATION_SETTINGS)) {
        if (values[key] === undefined) continue;
        const origin = { locate: loaded.locate, pointer: childPointer(pointer, key) };
        // headers add to (and win over) the spec's and the overlays'; the others replace them
        if (key === 'headers' && isRecord(values[key]) && isRecord(operation[extension]))
          tracker.merge(operation[extension], values[key], origin);
        else tracker.set(operation, extension, values[key], origin);
      }
    }
  }
  const byTag = isRecord(settings['tags']) ? settings['tags'] : {};
  for (const [name, values] of Object.entries(byTag)) {
    const pointer = childPointer('/tags', name);
    if (!isRecord(values) || values['headers'] === undefined) continue;
    const origin = { locate: loaded.locate, pointer: childPointer(pointer, 'headers') };
    const declared =
      isRecord(root) && Array.isArray(root['tags'])
        ? root['tags'].find((tag): tag is Record<string, unknown> => isRecord(tag) && tag['name'] === name)
        : undefined;
    if (declared !== undefined) {
      if (isRecord(values['headers']) && isRecord(declared['x-sdk-headers']))
        tracker.merge(declared['x-sdk-headers'], values['headers'], origin);
      else tracker.set(declared, 'x-sdk-headers', values['headers'], origin);
      continue;
    }
    if (!usedTags.has(name) || !isRecord(root)) {
      const nearest = closestMatch(name, usedTags);
      noMatch(
        pointer,
        `No operation of the spec has the tag \`${name}\`, so these settings change nothing.`,
        nearest !== undefined ? `Did you mean \`${nearest}\`?` : "The keys of `tags` are tag names the spec's operations carry.",
      );
      continue;
    }
    // a tag that operations carry but the root `tags` list does not declare: declared here
    if (!Array.isArray(root['tags'])) tracker.set(root, 'tags', [], { locate: loaded.locate, pointer: '/tags' });
    const entry = tracker.append(root['tags'] as unknown[], { name }, { locate: loaded.locate, pointer });
    tracker.set(entry as Record<string, unknown>, 'x-sdk-headers', values['headers'], origin);
  }
}

/**
 * The overlaid document and where each of its nodes came from. A node's origin is its parent's
 * origin plus its key, unless an action put it there (or shifted it within an array): those
 * exceptions are recorded per container and key.
 */
class Tracker {
  readonly #origins = new WeakMap<object, Map<string, Origin>>();

  constructor(
    readonly root: unknown,
    private readonly rootOrigin: Origin,
  ) {}

  locate(pointer: string): SourceLocation {
    const origin = this.originAt(decodePointer(pointer));
    const at = origin.locate(origin.pointer);
    // a spec node keeps the pointer it was asked by; an overlay node shows where it is in the overlay
    return origin.locate === this.rootOrigin.locate ? { ...at, pointer } : at;
  }

  private originAt(segments: readonly (string | number)[]): Origin {
    let origin = this.rootOrigin;
    let node: unknown = this.root;
    for (const raw of segments) {
      const segment = String(raw);
      const recorded = typeof node === 'object' && node !== null ? this.#origins.get(node)?.get(segment) : undefined;
      origin = recorded ?? child(origin, segment);
      node = Array.isArray(node) ? node[Number(segment)] : isRecord(node) && Object.hasOwn(node, segment) ? node[segment] : undefined;
    }
    return origin;
  }

  private record(container: Container, key: string, origin: Origin): void {
    let byKey = this.#origins.get(container);
    if (byKey === undefined) this.#origins.set(container, (byKey = new Map()));
    byKey.set(key, origin);
  }

  /** Sets `target[key]` to a copy of `value`, which came from `origin`. */
  set(target: Record<string, unknown>, key: string, value: unknown, origin: Origin): void {
    // defineProperty: a key named `__proto__` is data, never the object's prototype
    Object.defineProperty(target, key, { value: structuredClone(value), writable: true, enumerable: true, configurable: true });
    this.record(target, key, origin);
  }

  /** Appends a copy of `value` to `target`; returns the copy. */
  append(target: unknown[], value: unknown, origin: Origin): unknown {
    const copy = structuredClone(value);
    target.push(copy);
    this.record(target, String(target.length - 1), origin);
    return copy;
  }

  /** Overlay 1.0 merge: mappings merge key by key, arrays append, anything else replaces. */
  merge(target: Record<string, unknown>, update: Record<string, unknown>, origin: Origin): void {
    for (const key of Object.keys(update)) {
      const value = update[key];
      const existing = Object.hasOwn(target, key) ? target[key] : undefined;
      const valueOrigin = child(origin, key);
      if (isRecord(existing) && isRecord(value)) this.merge(existing, value, valueOrigin);
      else if (Array.isArray(existing) && Array.isArray(value))
        value.forEach((item, index) => this.append(existing, item, child(valueOrigin, index)));
      else this.set(target, key, value, valueOrigin);
    }
  }

  /** Removes the nodes at `paths`; the later elements of an array keep their origins as they move up. */
  remove(paths: readonly (readonly (string | number)[])[]): void {
    const fromArrays = new Map<unknown[], { indexes: Set<number>; origins: Origin[] }>();
    const fromObjects: { container: Record<string, unknown>; key: string }[] = [];
    // every container and origin is found before anything moves
    for (const path of paths) {
      const parentPath = path.slice(0, -1);
      const key = path.at(-1)!;
      const parent = nodeAt(this.root, parentPath);
      if (Array.isArray(parent) && typeof key === 'number') {
        if (!fromArrays.has(parent)) {
          const parentOrigin = this.originAt(parentPath);
          const origins = parent.map((_, index) => this.#origins.get(parent)?.get(String(index)) ?? child(parentOrigin, index));
          fromArrays.set(parent, { indexes: new Set(), origins });
        }
        fromArrays.get(parent)!.indexes.add(key);
      } else if (isRecord(parent) && typeof key === 'string') fromObjects.push({ container: parent, key });
    }
    for (const { container, key } of fromObjects) {
      delete container[key];
      this.#origins.get(container)?.delete(key);
    }
    for (const [array, { indexes, origins }] of fromArrays) {
      const kept = array.map((value, index) => ({ value, origin: origins[index]! })).filter((_, index) => !indexes.has(index));
      array.length = 0;
      const byKey = new Map<string, Origin>();
      kept.forEach(({ value, origin }, index) => {
        array.push(value);
        byKey.set(String(index), origin);
      });
      this.#origins.set(array, byKey);
    }
  }
}

function child(origin: Origin, key: string | number): Origin {
  return { locate: origin.locate, pointer: childPointer(origin.pointer, key) };
}

function nodeAt(root: unknown, path: readonly (string | number)[]): unknown {
  let node = root;
  for (const key of path) node = Array.isArray(node) ? node[key as number] : isRecord(node) ? node[key] : undefined;
  return node;
}

function pointerText(path: readonly (string | number)[]): string {
  return `$${path.map((key) => (typeof key === 'number' ? `[${key}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)).join('')}`;
}
