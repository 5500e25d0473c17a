// yaml, loaded on first use: a plain spec is read by js-yaml (fast-yaml.ts) and a run without a
// YAML config file never needs yaml, whose import is 40 ms of every run's start.
import { createRequire } from 'node:module';

let loaded: typeof import('yaml') | undefined;

export function yaml(): typeof import('yaml') {
  return (loaded ??= createRequire(import.meta.url)('yaml') as typeof import('yaml'));
}
