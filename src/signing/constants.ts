// The pinned request-signing scheme's fixed values (see SIGNING.md). Kept in one place so the
// signer, the verifier, the diagnostics and the docs cannot drift apart.

/** Every signed path is relative to this prefix; the prefix itself is never signed. */
export const SIGNING_BASE_PATH = '/v1/agent';

/** The server accepts |serverNow − timestamp| ≤ this many milliseconds, both ends inclusive. */
export const SIGNATURE_WINDOW_MS = 30_000;

export const KEY_HEADER = 'X-NX-Key';
export const SIGNATURE_HEADER = 'X-NX-Signature';
export const TIMESTAMP_HEADER = 'X-NX-Timestamp';

/**
 * The only accepted X-NX-Timestamp syntax: 1–16 ASCII digits (milliseconds since the epoch).
 * No sign, no fraction, no exponent, no whitespace; 16 digits is far beyond any real clock and
 * keeps the value inside what a double holds (near) exactly.
 */
export const TIMESTAMP_PATTERN = /^[0-9]{1,16}$/;

/** The canonical signature form: 64 lowercase hex characters (HMAC-SHA256). */
export const SIGNATURE_PATTERN = /^[0-9a-f]{64}$/;
