// tsc --strict (with noUncheckedIndexedAccess and exactOptionalPropertyTypes) over the
// generator and tests, generated/, and every golden tree: goldens are real code.
import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const TSC = 'node_modules/typescript/bin/tsc';
const goldens = readdirSync('test/golden', { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'bad')
  .map((entry) => join('test/golden', entry.name));

async function tsc(project: string): Promise<string> {
  return promisify(execFile)(process.execPath, [TSC, '-p', project, '--noEmit'], { maxBuffer: 16 * 1024 * 1024 }).then(
    () => '',
    (error: { stdout: string; stderr: string }) => `${error.stdout}${error.stderr}`,
  );
}

describe('tsc --strict', () => {
  it.each(['tsconfig.json', 'generated/tsconfig.json', ...goldens.map((dir) => join(dir, 'tsconfig.json'))])('%s type-checks', async (project) => {
    expect(await tsc(project)).toBe('');
  });
});
