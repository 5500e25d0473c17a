// An esbuild plugin for tree-shaking tests: the files it matches are marked as having side
// effects, whatever their package.json says, so that esbuild judges each module by its code
// alone (`sideEffects: false` would let it drop an unused import without looking).
import type { Plugin } from 'esbuild';

/** Overrides the `sideEffects` claim of every resolved file whose path includes `root` (every file when empty). */
export function overrideSideEffectsClaim(root = ''): Plugin {
  return {
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
        return resolved.path.includes(root) ? { path: resolved.path, sideEffects: true } : undefined;
      });
    },
  };
}
