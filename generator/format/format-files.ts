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

const PARSERS: Record<string, string> = { ts: 'typescript', mjs: 'babel', json: 'json', md: 'markdown' };

export async function formatFiles(files: readonly EmittedFile[]): Promise<EmittedFile[]> {
  return Promise.all(
    files.map(async (file) => {
      const parser = PARSERS[file.path.slice(file.path.lastIndexOf('.') + 1)];
      if (parser === undefined) return file;
      return { path: file.path, text: await format(file.text, { ...PRETTIER_OPTIONS, parser }) };
    }),
  );
}
