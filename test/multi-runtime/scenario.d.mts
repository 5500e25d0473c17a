// Types of scenario.mjs, for the tests that import its constants and read its result.

export declare const RESULT_MARKER: string;
export declare const API_KEY: string;
export declare const CREATE_BODY: { user: string; workflow: { id: string } };
export declare const INVALID_BODY: Record<string, unknown>;

export interface ScenarioEnvironment {
  /** 'node' | 'deno' | 'bun' | 'workerd' | 'browser' | 'unknown' */
  readonly runtime: string;
  readonly version: string;
  /** False where the host forbids building code from strings (workerd, a CSP page). */
  readonly evalAllowed: boolean;
}

export interface ScenarioResult {
  readonly environment: ScenarioEnvironment;
  /** One record per step: exports, create, cancel, invalidBody, notFound, retry, uploads. */
  readonly steps: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** Every deviation from the expected outcome, as `step: what happened`. Empty on success. */
  readonly failures: readonly string[];
  /** Added by the Node, Deno and Bun runners: the files the package's specifiers resolved to. */
  readonly resolved?: { readonly client: string; readonly validators: string };
}

export declare function runScenario(
  modules: { client: Record<string, unknown>; validators: Record<string, unknown> },
  serverURL: string,
): Promise<ScenarioResult>;
