// validators.ts names its constants and shared shape checks after their content
// (generator/emit/validators/content-hash.ts), so that regenerating after a spec edit changes
// the lines the edit is about and no others: with counters, one added property renumbered
// every constant after it and rewrote a hundred lines of a committed client.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentHash, HashedNames } from '../../generator/emit/validators/content-hash.js';
import { Identifier } from '../../generator/model/ir.js';
import { generate } from '../../generator/index.js';

describe('contentHash', () => {
  it('is six base-36 characters, the same in every run', () => {
    // pinned: a different hash renames every constant of every generated client
    expect(contentHash("KEYS:['id']")).toBe(contentHash("KEYS:['id']"));
    expect(contentHash('')).toBe('fsl15c');
    for (const text of ['', 'a', "PATH:['rate_limits', 'max_requests_per_1_minute']", '\u{1F600}'.repeat(50)])
      expect(contentHash(text)).toMatch(/^[0-9a-z]{6}$/);
  });
});

describe('HashedNames', () => {
  const make = (hash: string) => new Identifier(`KEYS_${hash}`);

  it('gives one identity one name, however often it is asked', () => {
    const names = new HashedNames();
    expect(names.nameOf('a', 'aaaaaa', make).text).toBe('KEYS_aaaaaa');
    expect(names.nameOf('a', 'aaaaaa', make).text).toBe('KEYS_aaaaaa');
  });

  it('tells apart two identities whose hashes meet: the first keeps the plain hash', () => {
    const names = new HashedNames();
    const first = names.nameOf('a', 'aaaaaa', make).text;
    const second = names.nameOf('b', 'aaaaaa', make).text;
    const third = names.nameOf('c', 'aaaaaa', make).text;
    expect(first).toBe('KEYS_aaaaaa');
    expect(new Set([first, second, third]).size).toBe(3);
    expect(second).toMatch(/^KEYS_[0-9a-z]{6}$/);
    // each keeps its name when asked again
    expect(names.nameOf('b', 'aaaaaa', make).text).toBe(second);
    expect(names.nameOf('c', 'aaaaaa', make).text).toBe(third);
  });
});

/** validators.ts's top-level statements by what they declare: `const KEYS_x` or `function check_X`. */
function declarations(text: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const statement of text.split(/\n(?=const |function |export )/)) {
    const name = /^(?:const|function) ([A-Za-z0-9_]+)/.exec(statement)?.[1];
    if (name !== undefined) result.set(name, statement.trim());
  }
  return result;
}

describe('regenerating after a one-property edit', () => {
  it('changes only the checks of the schemas the edit reaches, and no constant keeps a name for another value', async () => {
    const spec = readFileSync('spec/chatkit-sessions.yaml', 'utf8');
    const anchor = '          description: Maximum number of requests allowed per minute for the session. Defaults to 10.\n';
    // ChatSessionRateLimitsParam (a request schema, inlined into SessionCreateParams) gets a property
    expect(spec.split(anchor).length).toBe(2);
    const edited = spec.replace(
      anchor,
      `${anchor}        max_requests_per_session:\n          type: integer\n          minimum: 1\n          description: Requests allowed over the whole session.\n`,
    );
    const dir = mkdtempSync(join(tmpdir(), 'sdkgen-stable-names-'));
    writeFileSync(join(dir, 'before.yaml'), spec);
    writeFileSync(join(dir, 'after.yaml'), edited);
    const validators = async (file: string) =>
      (await generate({ spec: join(dir, file), write: false })).files.find((f) => f.path === 'src/validators.ts')!.text;
    const before = declarations(await validators('before.yaml'));
    const after = declarations(await validators('after.yaml'));

    const changed = [...before].filter(([name, text]) => after.get(name) !== text).map(([name]) => name);
    // the edited schema's check, the request check it is inlined into, and the constants whose
    // value holds the new key (the key lists and did-you-mean paths of those two)
    expect(changed.filter((name) => name.startsWith('check_')).sort()).toEqual([
      'check_ChatSessionRateLimitsParam',
      'check_SessionCreateParams',
    ]);
    for (const name of changed.filter((name) => !name.startsWith('check_'))) expect(after.has(name), name).toBe(false);
    const added = [...after.keys()].filter((name) => !before.has(name));
    for (const name of added) expect(after.get(name)).toContain('max_requests_per_session');
    expect(added.length).toBeGreaterThan(0);
    // a value in both outputs has one name in both
    const byValue = (map: Map<string, string>) =>
      new Map([...map].filter(([name]) => !name.startsWith('check_')).map(([name, text]) => [text.slice(text.indexOf('=')), name]));
    const beforeByValue = byValue(before);
    for (const [value, name] of byValue(after)) if (beforeByValue.has(value)) expect(name).toBe(beforeByValue.get(value));
  });
});
