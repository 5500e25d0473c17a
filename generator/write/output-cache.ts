// What a watch session knows of its output folder: the text of each file it wrote or read there,
// with the file's identity and times as they were then. A run reads back only the files whose
// stat changed since (an editor's save, a `git checkout`); the others are the text it has, the
// same string the next run's emitters and formatter hand over when the file did not change, so
// the compare costs nothing. On the whole OpenAI spec that was 5 MB read and compared again
// after every edit.
import { open, stat } from 'node:fs/promises';
import type { BigIntStats } from 'node:fs';

interface Known {
  readonly stamp: string;
  readonly text: string;
}

export class OutputCache {
  #files = new Map<string, Known>();

  /** The file's text (UTF-8), from the cache while its stat is what it was; fails as `readFile` does. */
  async read(path: string): Promise<string> {
    const known = this.#files.get(path);
    if (known !== undefined) {
      const info = await stat(path, { bigint: true });
      if (info.isFile() && stampOf(info) === known.stamp) return known.text;
    }
    // the stamp is the opened file's, so a save between the stat and the read cannot pair them wrongly
    const handle = await open(path, 'r');
    try {
      const info = await handle.stat({ bigint: true });
      const text = await handle.readFile('utf8');
      if (info.isFile()) this.#files.set(path, { stamp: stampOf(info), text });
      return text;
    } finally {
      await handle.close();
    }
  }

  /** `text` was just written to `path`. */
  async wrote(path: string, text: string): Promise<void> {
    const info = await stat(path, { bigint: true }).catch(() => undefined);
    if (info?.isFile()) this.#files.set(path, { stamp: stampOf(info), text });
    else this.#files.delete(path);
  }

  /** `text`, the same as the file's text now cached, is kept instead: the string the next run most likely hands over. */
  adopt(path: string, text: string): void {
    const known = this.#files.get(path);
    if (known !== undefined) this.#files.set(path, { stamp: known.stamp, text });
  }

  forget(path: string): void {
    this.#files.delete(path);
  }
}

/** What changes when a file is written, replaced or renamed over: its inode, size and times to the nanosecond. */
function stampOf(info: BigIntStats): string {
  return `${info.dev}:${info.ino}:${info.size}:${info.mtimeNs}:${info.ctimeNs}`;
}
