// Idempotency keys: one per logical request, reused by its retries, so a server can drop duplicates.

/** `sdkgen-retry-<uuid v4>`; crypto.randomUUID where available (secure contexts), else getRandomValues. */
export function newIdempotencyKey(): string {
  const crypto = globalThis.crypto as Crypto | undefined;
  if (typeof crypto?.randomUUID === 'function') return `sdkgen-retry-${crypto.randomUUID()}`;
  const bytes = new Uint8Array(16);
  if (crypto !== undefined) crypto.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `sdkgen-retry-${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
