import { createHash } from 'node:crypto';
import { InvalidClient } from '@ciba/contracts/oauth-errors';
import type { JSONWebKeySet } from 'jose';
import type { ClientRecord } from '../domain/clients/client-record.ts';
import type { ClientKeySets } from './client-key-sets.ts';

/** Whether one key of the set holds the certificate: its `x5c` leaf, or its `x5t#S256` thumbprint. */
function holds(set: JSONWebKeySet | null, thumbprint: string): boolean {
  return (set?.keys ?? []).some((key) => {
    const leaf = Array.isArray(key.x5c) ? key.x5c[0] : undefined;
    if (typeof leaf === 'string' && createHash('sha256').update(Buffer.from(leaf, 'base64')).digest('base64url') === thumbprint) return true;
    return (key as Record<string, unknown>)['x5t#S256'] === thumbprint;
  });
}

/**
 * `self_signed_tls_client_auth` (RFC 8705 §2.2): no chain is validated; the certificate must be one
 * the client registered in its `jwks` or `jwks_uri` (RFC 8705 §2.2.2), compared by SHA-256 of the DER
 * (`x5t#S256`). A certificate missing from a cached `jwks_uri` set refetches it (rotation), at most
 * once per cooldown.
 * @see https://www.rfc-editor.org/rfc/rfc8705#section-2.2
 */
export async function verifySelfSignedCertificate(keySets: ClientKeySets, client: ClientRecord, thumbprint: string): Promise<void> {
  if (holds(await keySets.keySetOf(client), thumbprint)) return;
  if (client.metadata.jwks_uri !== undefined && holds(await keySets.keySetOf(client, { refresh: true }), thumbprint)) return;
  throw new InvalidClient('client certificate is not one of the registered certificates');
}
