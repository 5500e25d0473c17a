// The README shows the shipped OpenAI overlay in full: the two must not drift apart.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

describe("the README's OpenAI overlay", () => {
  it('is examples/openai.overlay.yaml without its comment lines', async () => {
    const [readme, overlay] = await Promise.all([
      readFile(join(ROOT, 'README.md'), 'utf8'),
      readFile(join(ROOT, 'examples', 'openai.overlay.yaml'), 'utf8'),
    ]);
    const section = readme.slice(readme.indexOf('## Use a vendor spec without editing it'));
    const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
    const uncommented = overlay
      .split('\n')
      .filter((line) => !line.startsWith('#'))
      .join('\n');
    expect(block).toBe(uncommented);
  });
});
