// Content hashes: SHA-256 (@noble/hashes) of a layer file's bytes, and of the canonical JSON of exactly
// the inputs a pipeline stage reads, so a stage whose inputs are unchanged is served from its cache.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** Hex digits kept of a SHA-256 (128 bits: collisions are not a practical concern for a cache). */
export const HASH_HEX_DIGITS = 32;

/** JSON with object keys sorted at every level and undefined members left out: equal values, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const m = (v as Record<string, unknown>)[k];
      if (m !== undefined) out[k] = m;
    }
    return out;
  });
}

export function hashBytes(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes)).slice(0, HASH_HEX_DIGITS);
}

export function hashText(text: string): string {
  return hashBytes(new TextEncoder().encode(text));
}

/** Hash of a value's canonical JSON. */
export function hashValue(value: unknown): string {
  return hashText(canonicalJson(value));
}

/** An incremental hash for bytes read in pieces (a streamed layer file). */
export function createHasher(): { update(bytes: Uint8Array): void; digest(): string } {
  const h = sha256.create();
  return {
    update: (bytes) => void h.update(bytes),
    digest: () => bytesToHex(h.digest()).slice(0, HASH_HEX_DIGITS),
  };
}
