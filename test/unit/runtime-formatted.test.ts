// The built-in runtime core is emitted as it is in templates/runtime/ (the format stage skips
// it), so it must already be exactly what prettier with the pinned config prints.
import { readdirSync, readFileSync } from 'node:fs';
import { format } from 'prettier';
import { describe, expect, it } from 'vitest';
import { PRETTIER_OPTIONS } from '../../generator/format/format-files.js';

const FILES = readdirSync('templates/runtime')
  .filter((name) => name.endsWith('.ts'))
  .sort();

describe('templates/runtime is prettier-clean', () => {
  it.each(FILES)('%s', async (name) => {
    const text = `// header\n${readFileSync(`templates/runtime/${name}`, 'utf8')}`;
    expect(await format(text, { ...PRETTIER_OPTIONS, parser: 'babel-ts' }), `run prettier on templates/runtime/${name}`).toBe(text);
  });
});
