// Calls `onChange` (debounced) when a watched file changes. Watches the folders, not the files,
// so editors that save by writing a new file and renaming it are seen too. Runs never overlap:
// a change during a run schedules one more run after it, and the run can ask whether one came
// (`isStale`). The set of files may change from run to run (a spec edit adds a `$ref` to a new
// file): it is asked for again after every run.
import { existsSync, watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { listSpecFiles } from '../load/load-spec-files.js';

export interface WatchTarget {
  /** A file to watch, or a folder whose every file is watched. */
  readonly path: string;
  readonly isFolder: boolean;
}

/** A fixed list, or a function that lists the targets (called at the start and after each run). */
export type WatchTargets = readonly WatchTarget[] | (() => Promise<readonly WatchTarget[]>);

/**
 * The spec's own files (the main file and every file its refs name, found again after each run)
 * and `others`. `known` gives the files the last run read, when it got that far: listing them
 * again would parse the spec a second time (a large spec's parse is a fifth of a warm run).
 */
export function withSpecFiles(
  spec: string,
  others: readonly WatchTarget[],
  known: () => readonly string[] | undefined = () => undefined,
): () => Promise<readonly WatchTarget[]> {
  return async () => [...(known() ?? (await listSpecFiles(resolve(spec)))).map((path) => ({ path, isFolder: false })), ...others];
}

/** What a run is told: the files that changed, and whether one changed again since it began. */
export type OnChange = (changed: readonly string[], isStale: () => boolean) => Promise<void>;

interface FolderWatch {
  readonly watcher: FSWatcher;
  /** The file names watched in the folder; undefined: all of them, in subfolders too. */
  readonly names: Set<string> | undefined;
  /** Set while the folder does not exist: the watcher is on its nearest existing parent. */
  readonly isStandIn?: boolean;
}

export interface WatchOptions {
  /**
   * How long the files must be quiet before a run (default 20 ms): the events of one save (a
   * truncate and a write, or a write and a rename) come within a millisecond or two. A run that
   * read a file still being written is stale (`isStale`) and followed by another.
   */
  readonly debounceMs?: number;
  readonly signal?: AbortSignal;
  /** Called once every watcher is open: an edit from then on is seen (say "watching" here, not before). */
  readonly onReady?: () => void;
}

export function watchFiles(targets: WatchTargets, onChange: OnChange, options: WatchOptions = {}): Promise<void> {
  const debounceMs = options.debounceMs ?? 20;
  const folders = new Map<string, FolderWatch>();
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let isStopped = false;

  const refresh = async (): Promise<void> => {
    let wanted: readonly WatchTarget[];
    try {
      wanted = typeof targets === 'function' ? await targets() : targets;
    } catch {
      return; // the folders watched so far stay watched
    }
    if (isStopped) return;
    const files = new Map<string, Set<string>>();
    const recursive = new Set<string>();
    for (const target of wanted) {
      const path = resolve(target.path);
      if (target.isFolder) recursive.add(path);
      else files.set(dirname(path), (files.get(dirname(path)) ?? new Set()).add(basename(path)));
    }
    for (const [key, folder] of folders) {
      const isWanted = key.startsWith('*') ? recursive.has(key.slice(1)) : files.has(key);
      if (!isWanted) {
        folder.watcher.close();
        folders.delete(key);
      }
    }
    for (const [folder, names] of files) {
      const known = folders.get(folder);
      // a folder removed while watched is watched no more: opened again (or its parent watched)
      if (known?.names && !known.isStandIn && existsSync(folder)) {
        known.names.clear();
        for (const name of names) known.names.add(name);
      } else open(folder, folder, names);
    }
    for (const folder of recursive) if (!folders.has(`*${folder}`)) open(`*${folder}`, folder, undefined);
  };

  const open = (key: string, folder: string, names: Set<string> | undefined, wasMissing = false) => {
    folders.get(key)?.watcher.close();
    folders.delete(key);
    try {
      const watcher = watch(folder, { recursive: names === undefined }, (_event, file) => {
        if (file === null) return;
        const name = file.toString();
        if (names !== undefined && !names.has(name)) return;
        pending.add(join(folder, name));
        schedule();
      });
      // a folder removed while watched: it is looked for again after the next run
      watcher.on('error', () => {
        watcher.close();
        folders.delete(key);
      });
      folders.set(key, { watcher, names });
      // a folder back after it was gone (a branch switch, a clean): what it holds now is a change
      if (wasMissing && names !== undefined) {
        for (const name of names) if (existsSync(join(folder, name))) pending.add(join(folder, name));
        if (pending.size > 0) schedule();
      }
    } catch {
      // a folder that does not exist (removed, or a $ref to a file not yet written): its nearest
      // existing parent is watched, and the folder opened again when anything there changes
      standIn(key, folder, names);
    }
  };
  const standIn = (key: string, folder: string, names: Set<string> | undefined) => {
    let parent = dirname(folder);
    while (!existsSync(parent) && dirname(parent) !== parent) parent = dirname(parent);
    try {
      const watcher = watch(parent, () => {
        if (!isStopped && folders.get(key)?.watcher === watcher) open(key, folder, names, true);
      });
      watcher.on('error', () => watcher.close());
      folders.set(key, { watcher, names, isStandIn: true });
      // made meanwhile (by the same mkdir -p as the parent seen): opened now, as no event will come
      if (existsSync(folder)) open(key, folder, names, true);
    } catch {
      // no parent to watch: tried again after the next run
    }
  };

  const flush = async (): Promise<void> => {
    if (running) {
      await running;
      void flush();
      return;
    }
    if (pending.size === 0) return;
    const changed = [...pending].sort();
    pending.clear();
    // a change seen after this point is one the run may have missed
    running = onChange(changed, () => pending.size > 0)
      .then(refresh)
      .finally(() => (running = undefined));
    await running;
    if (pending.size > 0) schedule();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), debounceMs);
  };

  const ready = refresh().then(() => {
    if (!isStopped) options.onReady?.();
  });
  return new Promise((done) => {
    const stop = () => {
      isStopped = true;
      clearTimeout(timer);
      void ready.finally(() => {
        for (const folder of folders.values()) folder.watcher.close();
        folders.clear();
        done();
      });
    };
    if (options.signal?.aborted) stop();
    options.signal?.addEventListener('abort', stop, { once: true });
  });
}
