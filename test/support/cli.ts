// Runs the CLI in-process with captured output, as a user would see it (no colour).
import { type Io, main } from '../../generator/cli.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(args: readonly string[], cwd = process.cwd()): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), color: false, cwd });
  return { code, stdout, stderr };
}

export interface WatchRun {
  /** Everything printed so far, stdout and stderr as they came. */
  output(): string;
  /** Resolves once `pattern` appears in the output after `from`; no deadline of its own (the test's timeout ends a hang). */
  waitFor(pattern: RegExp, from?: number): Promise<void>;
  /** Stops the watch, as Ctrl-C does, and resolves with the exit code. */
  stop(): Promise<number>;
}

/** `sdkgen generate --watch …` in-process, as a user at a terminal runs it. */
export function watchCli(args: readonly string[], cwd: string, io: Pick<Io, 'collectGarbage'> = {}): WatchRun {
  let output = '';
  const controller = new AbortController();
  const append = (text: string) => void (output += text);
  const running = main(args, { stdout: append, stderr: append, color: false, cwd, signal: controller.signal, ...io });
  return {
    output: () => output,
    async waitFor(pattern, from = 0) {
      while (!pattern.test(output.slice(from))) await new Promise((next) => setTimeout(next, 20));
    },
    stop() {
      controller.abort();
      return running;
    },
  };
}
