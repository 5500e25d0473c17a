// What every runtime's run of the scenario must show: the scenario's own verdict, and what the
// API server received (so "no request reached the server" and "one retry" are checked on the
// server side, not only by the code under test).
import { expect } from 'vitest';
import { CREATE_BODY, RESULT_MARKER, type ScenarioResult } from '../scenario.mjs';
import type { ApiServer } from './api-server.js';

/** The scenario's result from a runner's stdout (the line that starts with RESULT_MARKER). */
export function parseResult(stdout: string): ScenarioResult | undefined {
  const line = stdout.split('\n').find((text) => text.startsWith(RESULT_MARKER));
  return line === undefined ? undefined : (JSON.parse(line.slice(RESULT_MARKER.length)) as ScenarioResult);
}

export function expectScenarioPassed(result: ScenarioResult | undefined, server: ApiServer, runtime: string): void {
  expect(result, 'the runner printed no result').toBeDefined();
  if (result === undefined) return;
  expect(result.failures, JSON.stringify(result.steps, null, 2)).toEqual([]);
  expect(result.environment.runtime).toBe(runtime);

  const requests = server.apiRequests();
  expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
    'POST /v1/chatkit/sessions',
    'POST /v1/chatkit/sessions/cksess_1/cancel',
    // The invalid body never reaches the server: nothing between the cancel and the 404.
    'POST /v1/chatkit/sessions/cksess_missing/cancel',
    'POST /v1/chatkit/sessions/cksess_flaky/cancel',
    'POST /v1/chatkit/sessions/cksess_flaky/cancel',
  ]);
  expect(JSON.parse(requests[0]?.body ?? '')).toEqual(CREATE_BODY);
  expect(requests.some((request) => request.body.includes('u_never_sent'))).toBe(false);
  // Exactly one retry of the 503, marked as such.
  expect(requests.slice(3).map((request) => request.headers['x-sdkgen-retry-count'])).toEqual(['0', '1']);
}
