// Which test files `npm test` runs and which `npm run test:heavy` runs (.ci/run runs both, one
// after the other). The heavy ones are corpora and whole-process end-to-end runs whose cost is
// in the processes they start, not in what they check: kept out of the edit-test loop, never out
// of CI.
export const HEAVY_SUITES: readonly string[] = [
  // the 57 published specs, generated through the built bin and type-checked; their pagination;
  // their validators (and the whole OpenAI API's) against ajv
  'test/corpus/**/*.test.ts',
  // the whole OpenAI API: generated, type-checked with its examples, called, examples validated
  'test/openai/**/*.test.ts',
  // `npm pack`, `npm install` of the tarball, and the installed bin run as users run it
  'test/install/**/*.test.ts',
  // 200 generated hostile specs, each generated, type-checked and imported
  'test/hostile/hostile-specs.test.ts',
  // a writer process SIGKILLed at every file operation, then recovered
  'test/write/kill.test.ts',
  // the packed package's consumers type-checked by TypeScript 5.0 and 7.0, each a compiler
  // process (10-12 s of one worker, which took `npm test` past its 90 s budget on the CI machine)
  'test/multi-runtime/typescript.test.ts',
  // the generated package's `node build.mjs`, six times over (each a process that loads
  // TypeScript), and `npm run typecheck` once: 15 s of one worker, the largest file npm test had
  'test/build/**/*.test.ts',
];
