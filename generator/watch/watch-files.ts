// Calls `onChange` (debounced) when a watched file changes. Watches the folders, not the files,
// so editors that save by writing a new file and renaming it are seen too. Runs never overlap:
// a change during a run schedules one more run after it.
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

export interface WatchTarget {
  /** A file to watch, or a folder whose every file is watched. */
  readonly path: string;
  readonly isFolder: boolean;
}

export function watchFiles(targets: readonly WatchTarget[], onChange: (changed: readonly string[]) => Promise<void>, options: { debounceMs?: number; signal?: AbortSignal } = {}): Promise<void> {
  const debounceMs = options.debounceMs ?? 60;
  const watchers: FSWatcher[] = [];
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;

  const flush = async (): Promise<void> => {
    if (running) return void (await running, flush());
    if (pending.size === 0) return;
    const changed = [...pending].sort();
    pending.clear();
    running = onChange(changed).finally(() => (running = undefined));
    await running;
    if (pending.size > 0) schedule();
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void flush(), debounceMs);
  };

  for (const target of targets) {
    const folder = target.isFolder ? resolve(target.path) : dirname(resolve(target.path));
    const name = basename(target.path);
    const watcher = watch(folder, { recursive: target.isFolder }, (_event, file) => {
      if (file === null) return;
      if (!target.isFolder && file !== name) return;
      pending.add(target.isFolder ? join(target.path, file.toString()) : target.path);
      schedule();
    });
    watchers.push(watcher);
  }
  return new Promise((done) => {
    const stop = () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      done();
    };
    if (options.signal?.aborted) stop();
    options.signal?.addEventListener('abort', stop, { once: true });
  });
}
