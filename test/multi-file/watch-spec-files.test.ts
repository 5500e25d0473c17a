// --watch watches every file of a multi-file spec: the main file, every file its refs name, and
// the files a later edit starts referring to. A run learns whether a file changed again after it
// began (it may have read a file still being saved).
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSpecFiles } from '../../generator/load/load-spec-files.js';
import { watchFiles, withSpecFiles } from '../../generator/watch/watch-files.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sdkgen-watch-refs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const spec = (ref: string) => `openapi: 3.1.0
info: { title: Watched, version: 1.0.0 }
paths: {}
components:
  schemas:
    Thing: { $ref: "${ref}" }
`;

/** Repeats `act` until `isDone` (file events arrive asynchronously); fails only if it never happens. */
async function repeatUntil(isDone: () => boolean, act: () => Promise<void>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!isDone()) {
    if (Date.now() > deadline) throw new Error('the change was never seen');
    await act();
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the files of a spec', () => {
  it('are the main file and every file its refs reach, through other files too', async () => {
    const main = resolve('test/fixtures/multi-file/pets/openapi.yaml');
    const files = await listSpecFiles(main);
    expect(files[0]).toBe(main);
    expect(files.slice(1).map((file) => file.slice(resolve('test/fixtures/multi-file/pets').length + 1))).toEqual([
      'common/common.yaml',
      'paths/pets.yaml',
      'schemas/animals/cat.yaml',
      'schemas/animals/dog.yaml',
      'schemas/new-pet.json',
      'schemas/owner.yaml',
      'schemas/pet.yaml',
      'schemas/tag.json',
    ]);
  });

  it('are, given the list the last run read, that list (the spec is not parsed again); else listed from the disk', async () => {
    const read = [join(dir, 'api.yaml'), join(dir, 'a.yaml')];
    const others = [{ path: dir, isFolder: true }];
    expect(await withSpecFiles(join(dir, 'missing.yaml'), others, () => read)()).toEqual([
      ...read.map((path) => ({ path, isFolder: false })),
      ...others,
    ]);
    // without one (the last run failed before it read them all)
    expect(await withSpecFiles(join(dir, 'missing.yaml'), others, () => undefined)()).toEqual([
      { path: join(dir, 'missing.yaml'), isFolder: false },
      ...others,
    ]);
  });

  it('include a referenced file that does not exist yet (creating it is a change) and a file that does not parse', async () => {
    await writeFile(join(dir, 'api.yaml'), spec('./schemas/thing.yaml'));
    await writeFile(join(dir, 'broken.yaml'), 'a: [\n');
    await writeFile(join(dir, 'other.yaml'), spec('./broken.yaml'));
    expect(await listSpecFiles(join(dir, 'api.yaml'))).toEqual([join(dir, 'api.yaml'), join(dir, 'schemas', 'thing.yaml')]);
    expect(await listSpecFiles(join(dir, 'other.yaml'))).toEqual([join(dir, 'other.yaml'), join(dir, 'broken.yaml')]);
  });
});

describe('watching a multi-file spec', () => {
  it('sees an edit of a referenced file, and of a file the spec refers to only after an edit', async () => {
    const [api, a, b] = ['api.yaml', 'a.yaml', 'b.yaml'].map((name) => join(dir, name)) as [string, string, string];
    await writeFile(api, spec('./a.yaml'));
    await writeFile(a, 'type: string\n');
    await writeFile(b, 'type: number\n');
    const seen: string[] = [];
    const controller = new AbortController();
    const stopped = watchFiles(withSpecFiles(api, []), async (changed) => void seen.push(...changed), {
      debounceMs: 10,
      signal: controller.signal,
    });
    try {
      await repeatUntil(
        () => seen.includes(a),
        () => writeFile(a, 'type: string\ndescription: edited\n'),
      );
      expect(seen).not.toContain(b);
      await repeatUntil(
        () => seen.includes(api),
        () => writeFile(api, spec('./b.yaml')),
      );
      // the run that followed the edit listed the files again: b.yaml is watched now
      await repeatUntil(
        () => seen.includes(b),
        () => writeFile(b, 'type: number\ndescription: edited\n'),
      );
    } finally {
      controller.abort();
      await stopped;
    }
  }, 45_000);
});

describe('a spec whose folder goes away and comes back (a branch switch, a clean)', () => {
  it('is watched again once the folder is back, and its saves from then on are seen', async () => {
    const folder = join(dir, 'api', 'v1');
    const api = join(folder, 'spec.yaml');
    await mkdir(folder, { recursive: true });
    await writeFile(api, spec('#/components/schemas/Other'));
    const seen: string[] = [];
    const controller = new AbortController();
    const stopped = watchFiles([{ path: api, isFolder: false }], async (changed) => void seen.push(...changed), {
      debounceMs: 10,
      signal: controller.signal,
    });
    try {
      await repeatUntil(
        () => seen.includes(api),
        () => writeFile(api, spec('#/components/schemas/Edited')),
      );
      await rm(join(dir, 'api'), { recursive: true, force: true });
      // the removal is a change; then the folders and the file come back, and later saves are seen too
      await repeatUntil(
        () => seen.filter((path) => path === api).length >= 2,
        async () => {},
      );
      seen.length = 0;
      await mkdir(folder, { recursive: true });
      await writeFile(api, spec('#/components/schemas/Back'));
      await repeatUntil(
        () => seen.includes(api),
        async () => {},
      );
      seen.length = 0;
      await repeatUntil(
        () => seen.includes(api),
        () => writeFile(api, spec('#/components/schemas/Saved')),
      );
    } finally {
      controller.abort();
      await stopped;
    }
  }, 45_000);
});

describe('a run during which a file changes again', () => {
  it('is told so (isStale), and another run follows with that file', async () => {
    const api = join(dir, 'api.yaml');
    await writeFile(api, spec('./a.yaml'));
    const runs: { changed: readonly string[]; sawStale: boolean }[] = [];
    const controller = new AbortController();
    const stopped = watchFiles(
      [{ path: api, isFolder: false }],
      async (changed, isStale) => {
        const run = { changed, sawStale: false };
        runs.push(run);
        if (runs.length > 1) return;
        // the first run saves the file again while it is running, as an editor still writing would
        await repeatUntil(isStale, () => writeFile(api, spec('./b.yaml')));
        run.sawStale = true;
      },
      { debounceMs: 10, signal: controller.signal },
    );
    try {
      await repeatUntil(
        () => runs.length > 0,
        () => writeFile(api, spec('./c.yaml')),
      );
      await repeatUntil(
        () => runs.length > 1,
        async () => {},
      );
      expect(runs[0]!.sawStale).toBe(true);
      expect(runs[1]!.changed).toEqual([api]);
    } finally {
      controller.abort();
      await stopped;
    }
  }, 45_000);
});
