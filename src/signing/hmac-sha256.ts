import { Buffer } from 'node:buffer';
import { createHmac } from 'node:crypto';

/**
 * Raw HMAC-SHA256 digest with the secret's UTF-8 bytes as the key.
 *
 * Shared by the signer, the verifier and the diagnostics so that all three key the HMAC the same
 * way (UTF-8 of the secret string, like Python's api_secret.encode()).
 */
export function hmacSha256(secret: string, message: Buffer): Buffer {
  return createHmac('sha256', Buffer.from(secret, 'utf8')).update(message).digest();
}
