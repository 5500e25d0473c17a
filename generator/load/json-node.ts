// What a parsed YAML or JSON document is made of, as every stage after load/ walks it.

/** A mapping (not an array, not null). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
