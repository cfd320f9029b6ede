import { bytesToBase64 } from '@/lib/snapshots/transport/base64';
import { canonicalJson } from './canonical';

/** `sha256-<base64>`, the Subresource Integrity notation. */
export const DIGEST_PATTERN = /^sha256-[A-Za-z0-9+/]{43}=$/;

export async function snapshotDigest(snapshot: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(snapshot));
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  return `sha256-${bytesToBase64(new Uint8Array(hash))}`;
}
