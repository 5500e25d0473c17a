// Small helpers for tests that read what a client returns: every item of an async iterable
// (a page walk, an event stream), and a value as JSON has it.

/** Every item of `items`, in order, once the iteration ends (it rejects as the iteration does). */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The value as JSON has it: own enumerable data, no prototypes (an SDK may add a non-enumerable request id). */
export function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}
