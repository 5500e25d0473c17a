// Prettier on a worker thread, started when a run starts: loading prettier and warming it up
// then overlaps with loading, validating and modelling the spec, and formatting the emitters'
// unformatted files overlaps with printing the others. One worker per process, reused by
// every run (watch mode, tests); it never keeps the process alive. The worker is a small ES
// module given as a data: URL, so it runs the same from the bundled CLI and from the sources.
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Options } from 'prettier';

export interface FormatJob {
  readonly text: string;
  readonly parser: string;
}

export interface PrettierWorker {
  format(jobs: readonly FormatJob[], options: Options): Promise<string[]>;
}

interface Reply {
  readonly id: number;
  readonly texts?: readonly string[];
  readonly error?: string;
}

const SOURCE = [
  `import { parentPort, workerData } from 'node:worker_threads';`,
  `const prettier = await import(workerData.prettier);`,
  `const format = prettier.format ?? prettier.default.format;`,
  // the first format with each parser loads its plugin and warms the printer
  `const warm = Promise.all([['const a = { b: [1] };\\n', 'babel-ts'], ['{"a":1}', 'json'], ['# a\\n', 'markdown']].map(([text, parser]) => format(text, { parser })));`,
  `parentPort.on('message', async ({ id, jobs, options }) => {`,
  `  try {`,
  `    await warm;`,
  `    const texts = [];`,
  `    for (const job of jobs) texts.push(await format(job.text, { ...options, parser: job.parser }));`,
  `    parentPort.postMessage({ id, texts });`,
  `  } catch (error) {`,
  `    parentPort.postMessage({ id, error: String(error?.message ?? error) });`,
  `  }`,
  `});`,
].join('\n');

let shared: PrettierWorker | undefined | null;

/** The process's prettier worker, started on first use; undefined on a single core. */
export function prettierWorker(): PrettierWorker | undefined {
  if (shared === undefined) shared = availableParallelism() < 2 || process.env['SDKGEN_FORMAT_THREAD'] === '0' ? null : start();
  return shared ?? undefined;
}

function start(): PrettierWorker {
  const prettier = pathToFileURL(createRequire(import.meta.url).resolve('prettier')).href;
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(SOURCE)}`), { workerData: { prettier } });
  const waiting = new Map<number, { resolve: (texts: string[]) => void; reject: (error: Error) => void }>();
  let next = 0;
  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
    shared = undefined; // the next run starts a new one
  };
  worker.on('message', (reply: Reply) => {
    const pending = waiting.get(reply.id);
    waiting.delete(reply.id);
    if (waiting.size === 0) worker.unref();
    if (reply.error !== undefined) pending?.reject(new Error(reply.error));
    else pending?.resolve([...reply.texts!]);
  });
  worker.on('error', failAll);
  worker.on('exit', (code) => failAll(new Error(`the prettier worker stopped (exit code ${code})`)));
  worker.unref(); // after the listeners: adding a 'message' listener refs the worker again
  return {
    format(jobs, options) {
      if (jobs.length === 0) return Promise.resolve([]);
      const id = next++;
      // referenced while it has work, so a run waiting on it is not cut short
      worker.ref();
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        worker.postMessage({ id, jobs, options });
      });
    },
  };
}
