// Differential test: for every named schema (and parameter group) of every spec we generate,
// fast-check values, valid ones and near misses, must get the same verdict from the generated
// validator and from ajv 2020 compiled from the same IR ('request' and 'strict' mode both), and
// 'loose' must accept everything 'request' accepts (agreement.ts; the published specs of the
// corpus are held to the same in test/corpus/validators-corpus.test.ts).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkAgreement, subjectsOf } from './agreement.js';
import { specIr } from './harness.js';

const SPECS = [
  'spec/chatkit-sessions.yaml',
  ...readdirSync('test/fixtures/specs')
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => join('test/fixtures/specs', file)),
  ...readdirSync('test/validators/fixtures')
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .map((file) => join('test/validators/fixtures', file)),
];
const TOTAL_VALUES = 12_000;

const apis = new Map(await Promise.all(SPECS.map(async (spec) => [spec, await specIr(spec)] as const)));
const RUNS = Math.ceil(TOTAL_VALUES / [...apis.values()].reduce((total, api) => total + subjectsOf(api).length, 0));

describe.each(SPECS)('validators agree with ajv: %s', (spec) => {
  it(`on ${RUNS} values per schema, 'request' and 'strict' (and 'loose' accepts more)`, async () => {
    const api = apis.get(spec)!;
    const checked = await checkAgreement(api, RUNS, Number(process.env['FC_SEED'] ?? 20261123));
    expect(checked).toBeGreaterThanOrEqual(RUNS * subjectsOf(api).length);
  });
});
