// `sideEffects: false` true in fact: the generated package's sources (generated/src), bundled by
// esbuild as a consumer's bundler would, keep only what a program calls. With the claim
// overridden (every module marked as having side effects), esbuild judges each module by its
// code alone, so an import used for nothing must still come out empty: no module may act when
// it is loaded (`/* @__PURE__ */` calls, which every bundler honours, count as no action).
import { build, type Metafile, type Plugin } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SOURCES = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'generated', 'src');

interface Bundle {
  readonly text: string;
  /** The package's modules (path under src/) that put code into the output. */
  readonly modules: readonly string[];
}

/**
 * Bundles `code` (ESM importing `chatkit-client`) for the browser. Identifiers are kept, so a
 * function that made it into the output can be found by its name.
 */
async function bundle(code: string, options: { ignoreClaim?: boolean } = {}): Promise<Bundle> {
  const result = await build({
    stdin: { contents: code, resolveDir: SOURCES, sourcefile: 'consumer.js', loader: 'js' },
    alias: { 'chatkit-client': join(SOURCES, 'index.ts') },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minifySyntax: true,
    minifyWhitespace: true,
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins: options.ignoreClaim === true ? [overrideSideEffectsClaim] : [],
  });
  return { text: result.outputFiles[0]?.text ?? '', modules: modulesOf(result.metafile) };
}

/** Marks every file of the package as having side effects, whatever its package.json says. */
const overrideSideEffectsClaim: Plugin = {
  name: 'override-side-effects-claim',
  setup(build) {
    build.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'resolving') return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: 'resolving',
      });
      return resolved.path.includes('generated/src/') ? { path: resolved.path, sideEffects: true } : undefined;
    });
  },
};

function modulesOf(metafile: Metafile): string[] {
  const [output] = Object.values(metafile.outputs);
  return Object.entries(output?.inputs ?? {})
    .filter(([path, input]) => input.bytesInOutput > 0 && path.includes('generated/src/'))
    .map(([path]) => path.slice(path.indexOf('generated/src/') + 'generated/src/'.length))
    .sort();
}

const CREATE_AND_CANCEL = `
  import { BaseChatKitClient, chatkitSessionsCancel, chatkitSessionsCreate } from 'chatkit-client';
  export async function run(apiKey) {
    const client = new BaseChatKitClient({ apiKey });
    const session = await chatkitSessionsCreate(client, { user: 'u_1', workflow: { id: 'wf_1' } });
    return chatkitSessionsCancel(client, session.id);
  }`;

describe('tree shaking (generated/src bundled by esbuild)', () => {
  it.each([false, true])('an import used for nothing bundles to nothing (sideEffects claim overridden: %s)', async (ignoreClaim) => {
    for (const entry of ['chatkit-client', join(SOURCES, 'requests.ts'), join(SOURCES, 'validators.ts'), join(SOURCES, 'operations.ts')]) {
      const { text, modules } = await bundle(`import ${JSON.stringify(entry)};`, { ignoreClaim });
      expect({ entry, modules, text: text.trim() }).toEqual({ entry, modules: [], text: '' });
    }
  });

  it('create + cancel keep their own request builders and validators, and nothing of the threads, streaming or pagination', async () => {
    const { text, modules } = await bundle(CREATE_AND_CANCEL, { ignoreClaim: true });
    // what the two calls need is there
    expect(text).toContain('/chatkit/sessions');
    // validateX are consts over the check functions (made by the runtime's validatorOf)
    expect(text).toMatch(/\bvalidateSessionCreateParams ?=/);
    expect(text).toContain('function check_SessionCreateParams(');
    expect(text).toMatch(/\bvalidateChatSession ?=/);
    expect(text).toContain('function check_ChatSession(');
    expect(text).toMatch(/\bvalidateCancelChatKitSessionPathParams ?=/);
    expect(text).toContain('"chatkit_beta=v1"');
    // the other operations are not
    expect(text).not.toContain('/chatkit/threads');
    expect(text).not.toMatch(/\bvalidateChatKitThreadItemList\b/);
    expect(text).not.toContain('function check_ChatKitThreadItemList(');
    expect(text).not.toMatch(/\bvalidateChatKitThread\b/);
    expect(text).not.toContain('function check_ChatKitThread(');
    expect(text).not.toMatch(/function chatkitThreads/);
    // nor the resource classes, the pages or the event-stream reader
    expect(text).not.toMatch(/class (Sessions|Threads|Chatkit)\b/);
    expect(text).not.toContain('PagePromise');
    expect(text).not.toContain('SSEDecoder');
    expect(text).not.toContain('text/event-stream');
    expect(modules).not.toContain('internal/streaming.ts');
    expect(modules).not.toContain('internal/pagination.ts');
    expect(modules).not.toContain('internal/query.ts');
    expect(modules).toContain('operations.ts');
  });

  it('the class form still reaches every operation through the same functions', async () => {
    const { text } = await bundle(`
      import { ChatKitClient } from 'chatkit-client';
      export const run = (apiKey) => new ChatKitClient({ apiKey }).chatkit.sessions.create({ user: 'u_1', workflow: { id: 'wf_1' } });`);
    // methods of a class cannot be dropped: every operation comes along, each as its function
    expect(text).toContain('function chatkitSessionsCreate');
    expect(text).toContain('function chatkitThreadsList');
    expect(text).toContain('/chatkit/threads');
  });
});
