// The child processes a benchmark starts, each in its own process group (spawned `detached`), so
// that an interrupted benchmark stops them and whatever they started (GNU time and its node).

/** The process group ids of the children still running. */
export const running = new Set<number>();

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const group of running) killGroup(group);
    process.exit(130);
  });
}

export function killGroup(pid: number): void {
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
