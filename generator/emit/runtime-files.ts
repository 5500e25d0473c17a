// The runtime core (src/internal/*) holds what any package may need; a package ships only the
// files its own modules reach through imports. A ChatKit client has no multipart body, so it
// has no `internal/multipart.ts`: nothing in its dist/ or its tsc run that it cannot use.
import type { EmittedFile } from './emitted-file.js';
import { perPartMemo } from './text-memo.js';

const INTERNAL = 'src/internal/';

/**
 * The files minus the runtime files that no other file reaches: roots are every file outside
 * `src/internal/`, and a runtime file is kept when a kept file imports or re-exports it
 * (statically, as a type, or through `import()`).
 */
export function withUsedRuntimeFiles(files: readonly EmittedFile[]): EmittedFile[] {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const used = new Set<string>();
  const pending = files.filter((file) => !file.path.startsWith(INTERNAL) && /\.[cm]?ts$/.test(file.path));
  while (pending.length > 0) {
    const file = pending.pop()!;
    for (const specifier of relativeSpecifiers(file).flat()) {
      const target = resolveModule(file.path, specifier);
      if (!target.startsWith(INTERNAL) || used.has(target) || !byPath.has(target)) continue;
      used.add(target);
      pending.push(byPath.get(target)!);
    }
  }
  return files.filter((file) => !file.path.startsWith(INTERNAL) || used.has(file.path));
}

/** Each file's specifiers, a part's read again only when it changed since the last run (watch mode). */
const relativeSpecifiers = perPartMemo((text) => {
  // `./x.js` and `../y/z.js` of `from '…'`, `import '…'` and `import('…')` (comments may match:
  // harmless, they only keep a file)
  const specifiers: string[] = [];
  for (const match of text.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"\n]+)\1/gm))
    specifiers.push(match[2]!);
  return specifiers;
});

/** The output path a relative specifier of `from` names: `.js` is the `.ts` source, as TypeScript's node16 resolution reads it. */
function resolveModule(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const segment of specifier.split('/')) {
    if (segment === '..') parts.pop();
    else if (segment !== '.') parts.push(segment);
  }
  return parts.join('/').replace(/\.js$/, '.ts');
}
