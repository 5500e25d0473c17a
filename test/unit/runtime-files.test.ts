// generator/emit/runtime-files.ts: a package ships the runtime files its modules reach, and no
// other; the reach follows imports, type imports, re-exports and import() through the core.
import { describe, expect, it } from 'vitest';
import { withUsedRuntimeFiles } from '../../generator/emit/runtime-files.js';

const file = (path: string, text = '') => ({ path, text });

describe('withUsedRuntimeFiles', () => {
  it('keeps what the package modules reach, through runtime files, and drops the rest', () => {
    const files = [
      file('package.json', '{}'),
      file('src/index.ts', "export { Client } from './client.js';\nexport type { Page } from './internal/page.js';"),
      file('src/client.ts', "import { request } from './internal/core.js';"),
      file('src/internal/core.ts', "import type { Log } from './log.js';\nconst lazy = () => import('./lazy.js');"),
      file('src/internal/log.ts', "export * from '../internal/redact.js';"),
      file('src/internal/redact.ts'),
      file('src/internal/lazy.ts'),
      file('src/internal/page.ts'),
      file('src/internal/multipart.ts', "import { isUploadable } from './uploads.js';"),
      file('src/internal/uploads.ts'),
    ];
    expect(withUsedRuntimeFiles(files).map((f) => f.path)).toEqual([
      'package.json',
      'src/index.ts',
      'src/client.ts',
      'src/internal/core.ts',
      'src/internal/log.ts',
      'src/internal/redact.ts',
      'src/internal/lazy.ts',
      'src/internal/page.ts',
    ]);
  });

  it('a runtime file reached only from another unused runtime file is dropped too', () => {
    const files = [file('src/index.ts', ''), file('src/internal/a.ts', "import './b.js';"), file('src/internal/b.ts')];
    expect(withUsedRuntimeFiles(files).map((f) => f.path)).toEqual(['src/index.ts']);
  });

  it("reads each run's imports afresh: a file whose text changed at the same path reaches what it now imports", () => {
    const run = (client: string) =>
      withUsedRuntimeFiles([file('src/client.ts', client), file('src/internal/a.ts'), file('src/internal/b.ts')]).map((f) => f.path);
    expect(run("import './internal/a.js';")).toEqual(['src/client.ts', 'src/internal/a.ts']);
    expect(run("import './internal/b.js';")).toEqual(['src/client.ts', 'src/internal/b.ts']);
    expect(run("import './internal/a.js';")).toEqual(['src/client.ts', 'src/internal/a.ts']);
  });
});
