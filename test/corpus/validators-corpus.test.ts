// The validators of every published spec of the corpus, and of the whole OpenAI API, held to the
// differential property the fixtures are (test/validators/agreement.ts): on fast-check values,
// valid ones, near misses and any JSON, each named schema's and parameter group's validator gives
// ajv 2020's verdict in 'request' and 'strict' mode, and 'loose' accepts everything 'request'
// accepts. Specs nobody wrote for sdkgen reach schema shapes our fixtures do not. Run by
// `npm run test:heavy` (8 values a schema; under a minute on 2 cores).
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS, corpusSpecs, OPENAI_SPEC } from '../support/corpus.js';
import { checkAgreement, subjectsOf } from '../validators/agreement.js';
import { specIr } from '../validators/harness.js';

/** Values per schema: every schema of the corpus gets a few (the fixtures' test goes deeper on fewer). */
const RUNS = 8;
const SEED = Number(process.env['FC_SEED'] ?? 20261203);
const SPECS = [...corpusSpecs().map((spec) => join(CORPUS, spec)), OPENAI_SPEC];

describe('validators agree with ajv on published specs', () => {
  it('the corpus is there', () => {
    expect(SPECS.length).toBeGreaterThanOrEqual(58);
  });

  it.each(SPECS.map((spec) => [spec === OPENAI_SPEC ? 'the whole OpenAI API' : relative(CORPUS, spec), spec]))(
    '%s',
    async (_name, spec) => {
      const api = await specIr(spec);
      const checked = await checkAgreement(api, RUNS, SEED);
      expect(checked).toBeGreaterThanOrEqual(RUNS * subjectsOf(api).length);
    },
  );
});
