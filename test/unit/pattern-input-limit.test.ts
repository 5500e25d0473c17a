// The user's cap on the length of strings tested against a pattern (`--pattern-input-limit`,
// `patternInputLimit` in the config file): a backstop for patterns the ReDoS checker cannot
// judge. A longer string is an issue and the regular expression never runs on it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildModel } from '../../generator/model/build-model.js';
import { loadSpec } from '../../generator/load/load-spec.js';
import { validateSpec } from '../../generator/validate/validate-spec.js';
import { runCli } from '../support/cli.js';
import { loadValidatorsOnly, validatorOf } from '../validators/harness.js';

const SPEC = `openapi: 3.1.0
info: { title: Limits, version: 1.0.0 }
paths: {}
components:
  schemas:
    Code:
      type: string
      pattern: "^[a-z]+$"
    Slow:
      type: string
      pattern: 'a\\w+b'
`;

const dir = mkdtempSync(join(tmpdir(), 'sdkgen-pattern-limit-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function model(limit?: number) {
  const loaded = loadSpec('limits.yaml', SPEC);
  return buildModel(await validateSpec(loaded), limit === undefined ? {} : { patternInputLimit: limit }).api;
}

describe('patternInputLimit', () => {
  it('reports a longer string instead of running the pattern, and tests shorter ones as before', async () => {
    const validators = await loadValidatorsOnly(await model(8));
    const validate = validatorOf(validators, 'Code');
    expect(validate('abcdefgh')).toEqual([]);
    expect(validate('abcdefg1')).toMatchObject([{ message: expect.stringContaining('matching /^[a-z]+$/') }]);
    expect(validate('abcdefghi')).toMatchObject([
      { message: expect.stringContaining('expected at most 8 characters for the pattern /^[a-z]+$/') },
    ]);
  });

  it('is the lower of the user cap and the cap sdkgen sets on a pattern that backtracks', async () => {
    const limits = (api: Awaited<ReturnType<typeof model>>) =>
      Object.fromEntries(api.schemas.map((s) => [s.name.text, (s.schema as { patternInputLimit?: number }).patternInputLimit]));
    expect(limits(await model())).toEqual({ Code: undefined, Slow: 10_000 });
    expect(limits(await model(50))).toEqual({ Code: 50, Slow: 50 });
    expect(limits(await model(20_000))).toEqual({ Code: 20_000, Slow: 10_000 });
  });

  it('comes from the flag or the config file, and a bad value is a usage error', async () => {
    writeFileSync(join(dir, 'limits.yaml'), SPEC);
    const flag = await runCli(['generate', '--spec', 'limits.yaml', '--out', 'a', '--pattern-input-limit', '12'], dir);
    expect(flag.code, flag.stderr).toBe(0);
    writeFileSync(join(dir, 'sdkgen.config.json'), JSON.stringify({ spec: 'limits.yaml', out: 'b', patternInputLimit: 12 }));
    expect((await runCli(['generate'], dir)).code).toBe(0);
    const { readFileSync } = await import('node:fs');
    for (const out of ['a', 'b'])
      expect(readFileSync(join(dir, out, 'src', 'validators.ts'), 'utf8')).toContain(
        'expected at most 12 characters for the pattern /^[a-z]+$/',
      );

    const bad = await runCli(['generate', '--spec', 'limits.yaml', '--out', 'c', '--pattern-input-limit', '12k'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--pattern-input-limit must be a whole number of characters, at least 1 (got "12k")');
    writeFileSync(join(dir, 'sdkgen.config.json'), JSON.stringify({ spec: 'limits.yaml', patternInputLimit: '12' }));
    const badConfig = await runCli(['generate'], dir);
    expect(badConfig.code).toBe(2);
    expect(badConfig.stderr).toContain('sdkgen.config.json: "patternInputLimit" must be a whole number, at least 1.');
  });
});
