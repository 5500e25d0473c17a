// Prettier on a worker thread, started when a run starts: loading prettier and warming it up
// then overlaps with loading, validating and modelling the spec, and formatting the emitters'
// unformatted files overlaps with printing the others. The thread is a process resource, like a
// thread pool: one per process, shared by every run (watch mode, tests), holding no state of a
// run (each job carries its options), restarted by the next run if it died, and never keeping
// the process alive. It is a small ES module given as a data: URL, so it runs the same from the
// bundled CLI and from the sources.
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
  /** Formats each job with `options` (and the job's parser). */
  format(jobs: readonly FormatJob[], options: Options): Promise<string[]>;
}

interface Reply {
  readonly id: number;
  readonly texts?: readonly string[];
  readonly error?: string;
}

/** Code in the shapes of client.ts and requests.ts (names made up). */
const WARM_UP = [
  `/** The input of {@link createThing}. */`,
  `export interface CreateThingInput { /** The path parameters. */ path: CreateThingPathParams; query?: CreateThingQueryParams; body: CreateThingRequest }`,
  `/**\n * Creates a thing.\n *\n * \`POST /things/{thing_id}\`\n *\n * @example\n * \`\`\`ts\n * createThing({ path: { thing_id: 'my_thing_id' } })\n * \`\`\`\n */`,
  `export function createThing(request: CreateThingInput): RequestDescription { return { method: 'POST', path: '/things/' + encodePathSegment(request.path.thing_id, 'thing_id') + formatQuery([['after', request.query?.after, 'form', true], ['limit', request.query?.limit, 'form', true]] satisfies QueryEntry[]), headers: { 'OpenAI-Beta': 'things=v1' }, body: request.body }; }`,
  `export class ThingsResource { constructor(protected readonly client: ClientCore) {}`,
  `/**\n * Creates a thing.\n *\n * @example\n * \`\`\`ts\n * const result = await client.things.create('my_thing_id', { name: 'x' });\n * \`\`\`\n */`,
  `create(thingId: string, body: CreateThingRequest, query?: CreateThingQueryParams, options?: RequestOptions): APIPromise<Thing> { return this.client.request({ validateRequest: () => [...validators.validateCreateThingPathParams({ thing_id: thingId }), ...validators.validateCreateThingQueryParams(query ?? {}).map((issue) => ({ path: ['query', ...issue.path], message: issue.message })), ...validators.validateCreateThingRequest(body)], validateResponse: validators.validateThing, build: () => requests.createThing({ path: { thing_id: thingId }, body, ...(query === undefined ? {} : { query }) }) }, options); }`,
  `list(query?: ListThingsQueryParams, options?: RequestOptions): PagePromise<ListThingsQueryParams, ThingList, ThingList['data'][number]> { return new PagePromise<ListThingsQueryParams, ThingList, ThingList['data'][number]>(query ?? {}, (query) => this.client.request({ validateResponse: validators.validateThingList, build: () => requests.listThings({ ...(query === undefined ? {} : { query }) }) }, options), { items: 'data', cursorParam: 'after', cursorField: 'last_id', hasMore: 'has_more' }); } }`,
].join('\n');

const SOURCE = [
  `import { parentPort, workerData } from 'node:worker_threads';`,
  `const prettier = await import(workerData.prettier);`,
  `const format = prettier.format ?? prettier.default.format;`,
  // the first format with each parser loads its plugin; a few rounds over code shaped like the
  // client's warm the parser and printer up (the JIT) before the first real file arrives
  `const sample = ${JSON.stringify(WARM_UP)};`,
  `let waiting = 0;`,
  `const loaded = Promise.all([['{"a":1}', 'json'], ['# a\\n\\n| a | b |\\n| - | - |\\n', 'markdown'], ['const a = { b: [1] };\\n', 'babel-ts']].map(([text, parser]) => format(text, { parser })));`,
  // (only while no file waits: a small spec's files come before the rounds would end)
  `loaded.then(async () => { for (let round = 0; round < 8 && waiting === 0; round++) await format(sample, { parser: 'babel-ts' }); }).catch(() => {});`,
  // one request at a time, in order: interleaved, they would only hold more syntax trees at once
  `let queue = loaded.catch(() => {});`,
  `parentPort.on('message', ({ id, jobs, options }) => {`,
  `  waiting++;`,
  `  queue = queue.then(async () => {`,
  `    try {`,
  `      const texts = [];`,
  `      for (const job of jobs) texts.push(await format(job.text, { ...options, parser: job.parser }));`,
  `      parentPort.postMessage({ id, texts });`,
  `    } catch (error) {`,
  `      parentPort.postMessage({ id, error: String(error?.message ?? error) });`,
  `    }`,
  `    waiting--;`,
  `  });`,
  `});`,
].join('\n');

/** The process's thread; null: none (one core, or SDKGEN_THREADS=0). */
let thread: PrettierWorker | undefined | null;
/** A second thread, for the largest specs only (prettierHelper). */
let helper: PrettierWorker | undefined | null;

/** The process's prettier thread, started on first use; undefined on a single core or with SDKGEN_THREADS=0. */
export function prettierWorker(): PrettierWorker | undefined {
  if (thread === undefined)
    thread = availableParallelism() < 2 || process.env['SDKGEN_THREADS'] === '0' ? null : start(() => (thread = undefined));
  return thread ?? undefined;
}

/**
 * A second prettier thread, started the first time a run hands over more text than
 * format-files.ts's HELPER_CHARS (Microsoft Graph's client: 46 MB, where the one thread was busy
 * 60 s of a 79 s run while the main thread waited 38 s). A spec the size of OpenAI's never
 * starts it, so its memory is not spent there. Undefined where prettierWorker is.
 */
export function prettierHelper(): PrettierWorker | undefined {
  if (prettierWorker() === undefined) return undefined;
  helper ??= start(() => (helper = undefined));
  return helper ?? undefined;
}

function start(onStop: () => void): PrettierWorker {
  const prettier = pathToFileURL(createRequire(import.meta.url).resolve('prettier')).href;
  // a young generation of 16 MB instead of V8's default: prettier's garbage is short-lived, and a
  // large spec's run peaked about 13 MiB lower (301 against 314 MiB, median of 5 interleaved runs
  // of the whole OpenAI spec) in the same time
  const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(SOURCE)}`), {
    workerData: { prettier },
    resourceLimits: { maxYoungGenerationSizeMb: 16 },
  });
  const waiting = new Map<number, { resolve: (texts: string[]) => void; reject: (error: Error) => void }>();
  let next = 0;
  const failAll = (error: Error) => {
    for (const { reject } of waiting.values()) reject(error);
    waiting.clear();
    onStop(); // the next run starts a new one
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
