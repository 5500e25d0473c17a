// `sideEffects: false` true in fact: the generated package, bundled by esbuild as a consumer's
// bundler would, keeps only what a program calls. Both as sources (generated/src) and as
// published (the packed, built and installed package's dist/esm, whose JavaScript must keep the
// `/* @__PURE__ */` annotations of the sources). With the claim
// overridden (every module marked as having side effects), esbuild judges each module by its
// code alone, so an import used for nothing must still come out empty: no module may act when
// it is loaded (`/* @__PURE__ */` calls, which every bundler honours, count as no action).
import { build, type Metafile } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtPackage } from '../multi-runtime/support/package-build.js';
import { overrideSideEffectsClaim } from '../support/side-effects.js';

const SOURCES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'generated', 'src');

/** Where the package's modules are, how their paths look, and how a consumer imports them. */
interface Form {
  readonly name: string;
  /** The folder the consumer's imports resolve from (the installed package's is built once, when first asked for). */
  readonly folder: () => Promise<string>;
  /** What `chatkit-client` stands for (the sources' index.ts), when it does not resolve by itself. */
  readonly alias?: string;
  /** The part of a module's path before its name under src/ (or dist/esm/). */
  readonly root: string;
  readonly extension: '.ts' | '.js';
  /** The module specifier of a file of the package, as `path/to/file` without extension, from `folder`. */
  readonly module: (path: string, folder: string) => string;
}

const FORMS: readonly Form[] = [
  {
    name: 'generated/src',
    folder: () => Promise.resolve(SOURCES),
    alias: join(SOURCES, 'index.ts'),
    root: 'generated/src/',
    extension: '.ts',
    module: (path) => join(SOURCES, `${path}.ts`),
  },
  {
    name: 'the installed package (dist/esm)',
    folder: async () => (await builtPackage()).consumerDir,
    root: 'chatkit-client/dist/esm/',
    extension: '.js',
    // operations.js is no export of the package: by its file
    module: (path, folder) =>
      path === 'operations' ? join(folder, 'node_modules/chatkit-client/dist/esm/operations.js') : `chatkit-client/${path}`,
  },
];

interface Bundle {
  readonly text: string;
  /** The package's modules (path under src/) that put code into the output. */
  readonly modules: readonly string[];
}

/**
 * Bundles `code` (ESM importing `chatkit-client`) for the browser. Identifiers are kept, so a
 * function that made it into the output can be found by its name.
 */
async function bundle(form: Form, code: string, options: { ignoreClaim?: boolean } = {}): Promise<Bundle> {
  const result = await build({
    stdin: { contents: code, resolveDir: await form.folder(), sourcefile: 'consumer.js', loader: 'js' },
    alias: form.alias === undefined ? {} : { 'chatkit-client': form.alias },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minifySyntax: true,
    minifyWhitespace: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: options.ignoreClaim === true ? [overrideSideEffectsClaim(form.root)] : [],
  });
  return { text: result.outputFiles[0]?.text ?? '', modules: modulesOf(form, result.metafile) };
}

/** The package's modules that put code into the output, by path under src/ without extension. */
function modulesOf(form: Form, metafile: Metafile): string[] {
  const [output] = Object.values(metafile.outputs);
  return Object.entries(output?.inputs ?? {})
    .filter(([path, input]) => input.bytesInOutput > 0 && path.includes(form.root))
    .map(([path]) => path.slice(path.indexOf(form.root) + form.root.length, -form.extension.length))
    .sort();
}

const CREATE_AND_CANCEL = `
  import { BaseChatKitClient, chatkitSessionsCancel, chatkitSessionsCreate } from 'chatkit-client';
  export async function run(apiKey) {
    const client = new BaseChatKitClient({ apiKey });
    const session = await chatkitSessionsCreate(client, { user: 'u_1', workflow: { id: 'wf_1' } });
    return chatkitSessionsCancel(client, session.id);
  }`;

describe.each(FORMS)('tree shaking ($name bundled by esbuild)', (form) => {
  let folder: string;
  beforeAll(async () => {
    folder = await form.folder();
  }, 180_000);

  it.each([false, true])('an import used for nothing bundles to nothing (sideEffects claim overridden: %s)', async (ignoreClaim) => {
    for (const entry of ['chatkit-client', ...['requests', 'validators', 'operations'].map((path) => form.module(path, folder))]) {
      const { text, modules } = await bundle(form, `import ${JSON.stringify(entry)};`, { ignoreClaim });
      expect({ entry, modules, text: text.trim() }).toEqual({ entry, modules: [], text: '' });
    }
  });

  it('create + cancel keep their own request builders and validators, and nothing of the threads, streaming or pagination', async () => {
    const { text, modules } = await bundle(form, CREATE_AND_CANCEL, { ignoreClaim: true });
    // what the two calls need is there
    expect(text).toContain('/chatkit/sessions');
    // each schema's validator is a const over its check function (made by the runtime's schemaOf)
    expect(text).toMatch(/\bSessionCreateParams ?= ?schemaOf/);
    expect(text).toContain('function check_SessionCreateParams(');
    expect(text).toMatch(/\bChatSession ?= ?schemaOf/);
    expect(text).toContain('function check_ChatSession(');
    expect(text).toMatch(/\bvalidateCancelChatKitSessionPathParams ?=/);
    expect(text).toContain('"chatkit_beta=v1"');
    // the other operations are not
    expect(text).not.toContain('/chatkit/threads');
    expect(text).not.toMatch(/\bChatKitThreadItemList ?= ?schemaOf/);
    expect(text).not.toContain('function check_ChatKitThreadItemList(');
    expect(text).not.toMatch(/\bChatKitThread ?= ?schemaOf/);
    expect(text).not.toContain('function check_ChatKitThread(');
    expect(text).not.toMatch(/function chatkitThreads/);
    // nor the resource classes, the pages or the event-stream reader
    // (esbuild prints a class as `var Name = class {`)
    expect(text).not.toMatch(/\b(Sessions|Threads|Chatkit) ?= ?class\b|\bclass (Sessions|Threads|Chatkit)\b/);
    expect(text).not.toContain('PagePromise');
    expect(text).not.toContain('SSEDecoder');
    expect(text).not.toContain('text/event-stream');
    expect(modules).not.toContain('internal/streaming');
    expect(modules).not.toContain('internal/pagination');
    expect(modules).not.toContain('internal/query');
    expect(modules).toContain('operations');
  });

  it("one resource made on its own keeps its own operations, not another resource's", async () => {
    const { text, modules } = await bundle(
      form,
      `
      import { BaseChatKitClient, Sessions } from 'chatkit-client';
      export const run = (apiKey) => new Sessions(new BaseChatKitClient({ apiKey })).create({ user: 'u_1', workflow: { id: 'wf_1' } });`,
      { ignoreClaim: true },
    );
    // a class keeps all its methods: create and cancel, with their validators
    expect(text).toMatch(/\bSessions ?= ?class\b|\bclass Sessions\b/);
    expect(text).toContain('function chatkitSessionsCreate');
    expect(text).toContain('function chatkitSessionsCancel');
    expect(text).toContain('function check_SessionCreateParams(');
    // the threads resource, the client with every resource, and the pages are not
    expect(text).not.toContain('/chatkit/threads');
    expect(text).not.toMatch(/\b(Threads|Chatkit|ChatKitClient) ?= ?class\b|\bclass (Threads|Chatkit|ChatKitClient)\b/);
    expect(text).not.toContain('function check_ChatKitThreadItemList(');
    expect(text).not.toContain('PagePromise');
    expect(modules).not.toContain('internal/pagination');
  });

  it('the class form still reaches every operation through the same functions', async () => {
    const { text } = await bundle(
      form,
      `
      import { ChatKitClient } from 'chatkit-client';
      export const run = (apiKey) => new ChatKitClient({ apiKey }).chatkit.sessions.create({ user: 'u_1', workflow: { id: 'wf_1' } });`,
    );
    // methods of a class cannot be dropped: every operation comes along, each as its function
    expect(text).toContain('function chatkitSessionsCreate');
    expect(text).toContain('function chatkitThreadsList');
    expect(text).toContain('/chatkit/threads');
  });
});
