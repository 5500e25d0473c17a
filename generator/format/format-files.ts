// Prettier with a pinned inline config: output is byte-for-byte deterministic, and a user's
// .prettierrc is never resolved, so it cannot change what sdkgen writes.
import { format, type Options } from 'prettier';
import type { EmittedFile } from '../emit/emitted-file.js';

export const PRETTIER_OPTIONS: Options = {
  printWidth: 100,
  tabWidth: 2,
  useTabs: false,
  semi: true,
  singleQuote: true,
  quoteProps: 'as-needed',
  trailingComma: 'all',
  bracketSpacing: true,
  arrowParens: 'always',
  endOfLine: 'lf',
  proseWrap: 'preserve',
};

// babel-ts prints our TypeScript the same as the typescript parser, about twice as fast
const PARSERS: Record<string, string> = { ts: 'babel-ts', mjs: 'babel', json: 'json', md: 'markdown' };

/**
 * The last formatted text of each path. Formatting is most of a run's cost, and between two runs
 * of one process (watch mode) most files come out of the emitters unchanged.
 */
const lastFormatted = new Map<string, { readonly input: string; readonly output: string }>();

export async function formatFiles(files: readonly EmittedFile[]): Promise<EmittedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const parser = PARSERS[file.path.slice(file.path.lastIndexOf('.') + 1)];
      if (parser === undefined || file.isFormatted) return { path: file.path, text: file.text };
      const cached = lastFormatted.get(file.path);
      if (cached?.input === file.text) return { path: file.path, text: cached.output };
      const text = await format(file.text, { ...PRETTIER_OPTIONS, parser });
      lastFormatted.set(file.path, { input: file.text, output: text });
      return { path: file.path, text };
    }),
  );
}
