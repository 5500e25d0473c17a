// The part of js-yaml's API that fast-yaml.ts uses (the package ships no types).
declare module 'js-yaml' {
  export interface Schema {
    readonly __schema: unique symbol;
  }
  export const FAILSAFE_SCHEMA: Schema;
  export interface LoadOptions {
    schema?: Schema;
    /** Called as each node starts ('open') and ends ('close') with the loader's state. */
    listener?: (event: 'open' | 'close', state: never) => void;
    maxDepth?: number;
  }
  export function load(text: string, options?: LoadOptions): unknown;
}
