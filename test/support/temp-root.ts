// vitest globalSetup: every temp folder a test run makes (mkdtemp under os.tmpdir(), in the test
// workers and in every process they start) goes under one fresh folder, removed when the run
// ends, pass or fail: no run leaves sdkgen-* folders in the OS temp dir. SDKGEN_KEEP_TEMP=1 keeps
// it (its path is printed) to look at what a failing test wrote. Kept on purpose: the packed
// multi-runtime package cache (SDKGEN_OS_TMPDIR, keyed by a hash of its inputs).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  process.env['SDKGEN_OS_TMPDIR'] ??= tmpdir(); // for caches meant to outlive a run (the multi-runtime package)
  const root = mkdtempSync(join(tmpdir(), 'sdkgen-test-run-'));
  const before = { TMPDIR: process.env['TMPDIR'], TMP: process.env['TMP'], TEMP: process.env['TEMP'] };
  // os.tmpdir() reads these; workers and child processes inherit them
  process.env['TMPDIR'] = process.env['TMP'] = process.env['TEMP'] = root;
  return () => {
    for (const [name, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    if (process.env['SDKGEN_KEEP_TEMP'] === '1') process.stdout.write(`temp files of this run kept in ${root}\n`);
    else rmSync(root, { recursive: true, force: true });
  };
}
