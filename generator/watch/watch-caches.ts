// What a --watch session keeps from one run to the next, stage by stage: what an edit did not
// reach is not parsed, modelled, emitted, formatted or read back again. One set per session,
// passed to every run (the CLI's, and the tests that hold each run to a fresh one).
import { EmitCache } from '../emit/emit-cache.js';
import { FormatCache } from '../format/format-files.js';
import { LoadCache } from '../load/load-spec.js';
import { ModelCache } from '../model/model-cache.js';
import type { GenerateOptions } from '../pipeline.js';
import { OutputCache } from '../write/output-cache.js';

export type WatchCaches = Required<Pick<GenerateOptions, 'loadCache' | 'modelCache' | 'emitCache' | 'formatCache' | 'outputCache'>>;

export function watchCaches(): WatchCaches {
  return {
    loadCache: new LoadCache(),
    modelCache: new ModelCache(),
    emitCache: new EmitCache(),
    formatCache: new FormatCache(),
    outputCache: new OutputCache(),
  };
}
