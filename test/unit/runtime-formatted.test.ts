// The built-in runtime core is emitted as it is in templates/runtime/ (the format stage skips
// it), so it must already be exactly what prettier with the pinned config prints; and its code
// and line comments, which the built JavaScript keeps, must be ASCII (doc comments are dropped).
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

// the package's build script is passed through too: its template's only field is the header line
describe('templates/build.mjs.hbs is prettier-clean', () => {
  it('as rendered', async () => {
    const template = readFileSync('templates/build.mjs.hbs', 'utf8');
    expect(template.match(/\{\{/g), 'build.mjs.hbs renders only {{{header}}}').toEqual(['{{']);
    const text = template.replace('{{{header}}}', '// header');
    expect(await format(text, { ...PRETTIER_OPTIONS, parser: 'babel' }), 'run prettier on templates/build.mjs.hbs').toBe(text);
  });
});

describe('templates/runtime is ASCII outside doc comments', () => {
  it.each(FILES)('%s', (name) => {
    const text = readFileSync(`templates/runtime/${name}`, 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');
    const at = text.search(/[^\x00-\x7f]/);
    expect(at, `templates/runtime/${name}: ${JSON.stringify(text.slice(Math.max(0, at - 60), at + 10))}`).toBe(-1);
  });
});
