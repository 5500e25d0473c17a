// Where sdkgen itself is installed: the folder with its package.json and templates/. Found by
// walking up from this module, so it works both from source (generator/load/) and from the
// bundled CLI (dist/sdkgen.mjs).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'templates')) && existsSync(join(dir, 'package.json'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the sdkgen installation (no templates/ folder above the CLI)');
    dir = parent;
  }
}

export const PACKAGE_ROOT = findPackageRoot();
