// The package as published: `npm pack` of a built copy of generated/. Its package.json shape,
// what the tarball holds, that the runtime code uses no Node built-ins and never builds code
// from strings, and that publint and @arethetypeswrong/cli report nothing at all.
import { execFile } from 'node:child_process';
import { builtinModules } from 'node:module';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtPackage, REPO_ROOT, type BuiltPackage } from './support/package-build.js';

const ENTRIES = ['.', './requests', './validators'] as const;
const BUILTINS = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

let built: BuiltPackage;
let installed: string;
let manifest: Record<string, unknown>;

beforeAll(async () => {
  built = await builtPackage();
  installed = join(built.consumerDir, 'node_modules', built.name);
  manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8')) as Record<string, unknown>;
}, 120_000);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Every module specifier in a built .js file: static and dynamic imports, re-exports, require(). */
function specifiers(code: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g,
    /\bimport\s*['"]([^'"]+)['"]/g,
    /\b(?:import|require)\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  ];
  for (const pattern of patterns) for (const match of code.matchAll(pattern)) found.push(match[1] ?? '');
  return found;
}

describe('package.json', () => {
  it('maps ., ./requests and ./validators to ESM and CJS builds, each with its own declarations', () => {
    const exports = manifest['exports'] as Record<string, Record<string, Record<string, string>>>;
    for (const entry of ENTRIES) {
      const name = entry === '.' ? 'index' : entry.slice(2);
      expect(exports[entry], entry).toEqual({
        import: { types: `./dist/esm/${name}.d.ts`, default: `./dist/esm/${name}.js` },
        require: { types: `./dist/cjs/${name}.d.ts`, default: `./dist/cjs/${name}.js` },
      });
    }
  });

  it('has no side effects and no runtime dependencies', () => {
    expect(manifest['sideEffects']).toBe(false);
    for (const field of ['dependencies', 'peerDependencies', 'optionalDependencies', 'bundleDependencies']) {
      expect(Object.keys((manifest[field] as object | undefined) ?? {}), field).toEqual([]);
    }
  });

  it('packs only the build, the README and package.json', () => {
    expect(built.packedFiles.filter((file) => !file.startsWith('dist/'))).toEqual(['README.md', 'package.json']);
    for (const format of ['esm', 'cjs']) {
      for (const entry of ['index', 'requests', 'validators']) {
        expect(built.packedFiles).toContain(`dist/${format}/${entry}.js`);
        expect(built.packedFiles).toContain(`dist/${format}/${entry}.d.ts`);
      }
    }
    expect(built.packedFiles).toContain('dist/cjs/package.json');
  });
});

describe('runtime code', () => {
  it('imports no Node built-in and nothing outside the package', () => {
    const problems: string[] = [];
    for (const file of files(join(installed, 'dist')).filter((path) => path.endsWith('.js'))) {
      const where = relative(installed, file).split(sep).join('/');
      for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
        if (BUILTINS.has(specifier)) problems.push(`${where}: Node built-in ${specifier}`);
        else if (!specifier.startsWith('./') && !specifier.startsWith('../')) problems.push(`${where}: imports ${specifier}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('is ASCII in every .js file: one other character makes V8 hold the module as two-byte text, and Node decode it slowly', () => {
    const problems: string[] = [];
    for (const file of files(join(installed, 'dist')).filter((path) => /\.c?js$/.test(path))) {
      const text = readFileSync(file, 'utf8');
      const at = text.search(/[^\x00-\x7f]/);
      if (at !== -1)
        problems.push(`${relative(installed, file).split(sep).join('/')}: ${JSON.stringify(text.slice(Math.max(0, at - 40), at + 10))}`);
    }
    expect(problems).toEqual([]);
  });

  it('loads the client as 7 modules and the validators as 2: the runtime core is two (README "Use another spec")', () => {
    /** The package's modules a file loads, itself included, by path under dist/<format>/. */
    const reached = (format: string, entry: string): string[] => {
      const root = join(installed, 'dist', format);
      const seen = new Set<string>();
      const visit = (path: string): void => {
        if (seen.has(path)) return;
        seen.add(path);
        for (const specifier of specifiers(readFileSync(join(root, path), 'utf8'))) {
          if (specifier.startsWith('.')) visit(join(path, '..', specifier).split(sep).join('/'));
        }
      };
      visit(entry);
      return [...seen].sort();
    };
    for (const format of ['esm', 'cjs']) {
      expect(reached(format, 'index.js'), format).toEqual([
        'client.js',
        'index.js',
        'internal/runtime.js',
        'internal/validation.js',
        'operations.js',
        'requests.js',
        'validators.js',
      ]);
      expect(reached(format, 'validators.js'), format).toEqual(['internal/validation.js', 'validators.js']);
    }
    expect(readdirSync(join(installed, 'dist/esm/internal')).sort()).toEqual([
      'runtime.d.ts',
      'runtime.js',
      'validation.d.ts',
      'validation.js',
    ]);
  });

  it('never builds code from strings (eval, new Function), which Workers and strict-CSP pages forbid', () => {
    const problems: string[] = [];
    for (const file of files(join(installed, 'dist')).filter((path) => path.endsWith('.js'))) {
      const code = readFileSync(file, 'utf8');
      if (/\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]/.test(code)) problems.push(relative(installed, file));
    }
    expect(problems).toEqual([]);
  });
});

describe('lint of the packed tarball', () => {
  it('publint reports nothing (errors, warnings or suggestions)', async () => {
    const tarball = readFileSync(built.tarball);
    const { messages, pkg } = await publint({
      pack: { tarball: tarball.buffer.slice(tarball.byteOffset, tarball.byteOffset + tarball.byteLength) },
      level: 'suggestion',
      strict: true,
    });
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code}`)).toEqual([]);
  }, 60_000);

  it('@arethetypeswrong/cli reports no problem for any entry point under node10, node16 (CJS and ESM) and bundler', async () => {
    // A scratch cwd: attw reads ./.attw.json, and none may change its verdict.
    const cwd = mkdtempSync(join(tmpdir(), 'sdkgen-attw-'));
    try {
      const cli = join(REPO_ROOT, 'node_modules/@arethetypeswrong/cli/dist/index.js');
      const outcome = await promisify(execFile)(
        process.execPath,
        [cli, built.tarball, '--format', 'ascii', '--no-emoji', '--no-color', '--profile', 'strict'],
        {
          cwd,
          timeout: 90_000,
          killSignal: 'SIGKILL',
        },
      ).then(
        ({ stdout }) => ({ ok: true, output: stdout }),
        (error: { stdout?: string; stderr?: string; message: string }) => ({
          ok: false,
          output: `${error.message}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
        }),
      );
      expect(outcome.ok, outcome.output).toBe(true);
      expect(outcome.output).toMatch(/No problems found/);
    } finally {
      rmSync(cwd, { recursive: true, force: true });
    }
  }, 120_000);
});
