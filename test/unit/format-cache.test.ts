// The format stage's state is passed, not global: a FormatCache carries one run's formatted
// pieces to the next run of the same caller (watch mode), so only what changed reaches prettier;
// without one, each run formats everything; a failed run leaves the cache as it was.
import { describe, expect, it } from 'vitest';
import type { EmittedFile } from '../../generator/emit/emitted-file.js';
import { beginFormat, FormatCache } from '../../generator/format/format-files.js';
import type { FormatJob, PrettierWorker } from '../../generator/format/prettier-worker.js';

/** A worker that formats nothing itself: it records what it was given and returns it with a final newline. */
function recordingWorker(): PrettierWorker & { readonly seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    format: async (jobs: readonly FormatJob[]) => {
      for (const job of jobs) seen.push(job.text);
      return jobs.map((job) => `${job.text}\n`);
    },
  };
}

const file = (path: string, text: string): EmittedFile => ({ path, text });

describe('FormatCache', () => {
  it('formats only what changed since the last run of the same caller', async () => {
    const worker = recordingWorker();
    const cache = new FormatCache();
    const first = beginFormat(worker, cache);
    await first.format([file('a.json', '{"a":1}'), file('b.json', '{"b":1}')]);
    first.end();
    expect(worker.seen).toEqual(['{"a":1}', '{"b":1}']);
    const second = beginFormat(worker, cache);
    const out = await second.format([file('a.json', '{"a":1}'), file('b.json', '{"b":2}')]);
    second.end();
    expect(worker.seen).toEqual(['{"a":1}', '{"b":1}', '{"b":2}']);
    expect(out.map((f) => f.text)).toEqual(['{"a":1}\n', '{"b":2}\n']);
  });

  it('keeps nothing between runs without a cache, and nothing from a run that did not end', async () => {
    const worker = recordingWorker();
    await beginFormat(worker).format([file('a.json', '{"a":1}')]);
    await beginFormat(worker).format([file('a.json', '{"a":1}')]);
    expect(worker.seen).toEqual(['{"a":1}', '{"a":1}']);
    const cache = new FormatCache();
    await beginFormat(worker, cache).format([file('a.json', '{"a":2}')]); // never ended: a failed run
    expect(cache.texts.size).toBe(0);
  });
});
