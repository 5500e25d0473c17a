// What the host runtime offers: environment variables (Node, Bun, Deno) and browser detection.

interface EnvHost {
  process?: { env?: Record<string, string | undefined> };
  Deno?: { env?: { get?(name: string): string | undefined } };
  window?: unknown;
  document?: unknown;
}

/** A trimmed environment variable, or undefined when unset, empty or not readable (Deno without --allow-env). */
export function readEnv(name: string): string | undefined {
  const host = globalThis as EnvHost;
  try {
    const value = host.process?.env?.[name] ?? host.Deno?.env?.get?.(name);
    const trimmed = value?.trim();
    return trimmed === '' ? undefined : trimmed;
  } catch {
    return undefined;
  }
}

/** True in a page (a `window` with a `document`), where anything in the bundle is visible to its users. */
export function isBrowser(): boolean {
  const host = globalThis as EnvHost;
  return typeof host.window !== 'undefined' && typeof host.document !== 'undefined';
}
