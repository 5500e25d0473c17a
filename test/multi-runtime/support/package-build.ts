// Builds the generated package once per content: a copy of generated/ is built with its own
// build script, packed with `npm pack`, and the tarball is installed into a fresh consumer
// project that also holds the scenario and the runners (fixtures/). Everything lives in a
// cache folder under the OS temp dir keyed by the hash of what goes into it, so the test
// files (which vitest runs in parallel workers) and `npm run bench:size` share one build; a
// lock folder makes sure only one process builds while the others wait.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The repository root, computed so that no machine path is written anywhere. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const MULTI_RUNTIME_DIR = join(REPO_ROOT, 'test/multi-runtime');
/** Bump when the recipe below changes in a way the inputs' hash cannot see. */
const RECIPE = 'multi-runtime-build-1';
// across runs: in the OS temp dir itself, not the run's own temp folder (test/support/temp-root.ts)
const CACHE_ROOT = join(process.env['SDKGEN_OS_TMPDIR'] ?? tmpdir(), 'sdkgen-multi-runtime');
/** The package's source: the committed generated client. */
const SOURCE = join(REPO_ROOT, 'generated');
const LOCK_STALE_MS = 5 * 60_000;
const WAIT_MS = 4 * 60_000;
const KEEP_OLD_ENTRIES_MS = 24 * 60 * 60_000;

export interface BuiltPackage {
  /** The cache entry (disposable). */
  readonly root: string;
  /** A built copy of generated/: src, dist/esm, dist/cjs. */
  readonly packageDir: string;
  /** The `npm pack` tarball. */
  readonly tarball: string;
  /** The files the tarball holds, as `npm pack --json` lists them. */
  readonly packedFiles: readonly string[];
  /** A project with the tarball installed (node_modules/chatkit-client) and fixtures/ + scenario.mjs copied in. */
  readonly consumerDir: string;
  /** The package name, from generated/package.json. */
  readonly name: string;
}

let memo: Promise<BuiltPackage> | undefined;

/** The built package for the current contents of generated/ and the fixtures; built at most once. */
export function builtPackage(): Promise<BuiltPackage> {
  return (memo ??= ensureBuilt());
}

async function ensureBuilt(): Promise<BuiltPackage> {
  const key = inputsHash();
  const entry = join(CACHE_ROOT, key);
  mkdirSync(CACHE_ROOT, { recursive: true });
  const started = Date.now();
  const deadline = started + WAIT_MS;
  const failed = `${entry}.failed`;
  for (;;) {
    if (existsSync(join(entry, 'READY'))) return describe(entry);
    if (tryLock(entry)) {
      try {
        rmSync(failed, { force: true });
        if (!existsSync(join(entry, 'READY'))) await build(entry);
      } catch (error) {
        // Processes waiting for this build fail with the same error instead of building again.
        writeFileSync(failed, error instanceof Error ? error.message : String(error));
        throw error;
      } finally {
        rmSync(`${entry}.lock`, { recursive: true, force: true });
      }
      pruneOldEntries(key);
      return describe(entry);
    }
    const failure = statSync(failed, { throwIfNoEntry: false });
    if (failure !== undefined && failure.mtimeMs >= started) throw new Error(readFileSync(failed, 'utf8'));
    if (Date.now() > deadline) throw new Error(`timed out waiting for another process to build ${entry}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

function describe(entry: string): BuiltPackage {
  const meta = JSON.parse(readFileSync(join(entry, 'READY'), 'utf8')) as { tarball: string; files: string[]; name: string };
  return {
    root: entry,
    packageDir: join(entry, 'package'),
    tarball: join(entry, meta.tarball),
    packedFiles: meta.files,
    consumerDir: join(entry, 'consumer'),
    name: meta.name,
  };
}

/** mkdir is atomic: whoever creates the lock folder builds. A lock whose owner died is taken over. */
function tryLock(entry: string): boolean {
  const lock = `${entry}.lock`;
  try {
    mkdirSync(lock);
    writeFileSync(join(lock, 'pid'), String(process.pid));
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const stats = statSync(lock, { throwIfNoEntry: false });
  if (stats === undefined) return false; // just released: try again
  let pid = Number.NaN;
  try {
    pid = Number(readFileSync(join(lock, 'pid'), 'utf8'));
  } catch {
    // The owner has not written its pid yet.
  }
  const age = Date.now() - stats.mtimeMs;
  const stale = age > LOCK_STALE_MS || (Number.isNaN(pid) ? age > 30_000 : !isAlive(pid));
  if (stale) rmSync(lock, { recursive: true, force: true });
  return false;
}

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function build(entry: string): Promise<void> {
  const work = `${entry}.tmp-${process.pid}`;
  rmSync(work, { recursive: true, force: true });
  rmSync(entry, { recursive: true, force: true });
  const packageDir = join(work, 'package');
  cpSync(SOURCE, packageDir, {
    recursive: true,
    filter: (source) => !/(^|[\\/])(dist|node_modules)$/.test(relative(SOURCE, source)),
  });
  // The package's build resolves `typescript` from its own node_modules (a devDependency).
  mkdirSync(join(packageDir, 'node_modules'));
  symlinkSync(join(REPO_ROOT, 'node_modules/typescript'), join(packageDir, 'node_modules/typescript'), 'dir');
  await step('build', process.execPath, ['build.mjs'], packageDir);

  // --ignore-scripts: the package's `prepare` would build a second time.
  const packed = await step('pack', 'npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', work], packageDir);
  const [info] = JSON.parse(packed) as { filename: string; name: string; files: { path: string }[] }[];
  if (info === undefined) throw new Error(`npm pack printed no package: ${packed}`);

  const consumerDir = join(work, 'consumer');
  mkdirSync(consumerDir);
  writeFileSync(
    join(consumerDir, 'package.json'),
    `${JSON.stringify({ name: 'multi-runtime-consumer', private: true, type: 'module' }, null, 2)}\n`,
  );
  cpSync(join(MULTI_RUNTIME_DIR, 'fixtures'), consumerDir, { recursive: true });
  cpSync(join(MULTI_RUNTIME_DIR, 'scenario.mjs'), join(consumerDir, 'scenario.mjs'));
  // The package has no dependencies, so the install needs no registry: --offline proves it.
  await step('install', 'npm', ['install', '--offline', '--no-audit', '--no-fund', `../${info.filename}`], consumerDir);

  writeFileSync(
    join(work, 'READY'),
    JSON.stringify({ tarball: info.filename, name: info.name, files: info.files.map((file) => file.path).sort() }),
  );
  renameSync(work, entry);
}

async function step(name: string, command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await execFileAsync(command, args, {
      cwd,
      timeout: 180_000,
      killSignal: 'SIGKILL',
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, npm_config_update_notifier: 'false' },
    });
    return stdout;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`package ${name} failed: ${failure.message}\n${failure.stdout ?? ''}${failure.stderr ?? ''}`);
  }
}

/** sha256 of the recipe, the compiler, generated/ (without dist and node_modules), the fixtures and the scenario. */
function inputsHash(): string {
  const hash = createHash('sha256');
  hash.update(`${RECIPE}\0`);
  hash.update(readFileSync(join(REPO_ROOT, 'node_modules/typescript/package.json')));
  const roots = [SOURCE, join(MULTI_RUNTIME_DIR, 'fixtures'), join(MULTI_RUNTIME_DIR, 'scenario.mjs')];
  for (const root of roots) {
    for (const file of listFiles(root)) {
      hash.update(`\0${relative(REPO_ROOT, file).split(sep).join('/')}\0`);
      hash.update(readFileSync(file));
    }
  }
  return hash.digest('hex').slice(0, 20);
}

function listFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path, { withFileTypes: true })
    .filter((entry) => entry.name !== 'dist' && entry.name !== 'node_modules')
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .flatMap((entry) => listFiles(join(path, entry.name)));
}

/** Entries of other contents, once nobody has touched them for a day. */
function pruneOldEntries(current: string): void {
  for (const name of readdirSync(CACHE_ROOT)) {
    if (name.startsWith(current)) continue;
    const path = join(CACHE_ROOT, name);
    const stats = statSync(path, { throwIfNoEntry: false });
    if (stats !== undefined && Date.now() - stats.mtimeMs > KEEP_OLD_ENTRIES_MS) rmSync(path, { recursive: true, force: true });
  }
}
