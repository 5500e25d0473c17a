// Runs the CLI in-process with captured output, as a user would see it (no colour).
import { main } from '../../generator/cli.js';

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
