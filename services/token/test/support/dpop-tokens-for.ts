import { GRANTS_ISSUER, type GrantsHarness } from './grants-harness.ts';
import { dpopProof, type DpopTestKey } from './dpop-keys.ts';

/** Seeds an approved grant for the client and redeems it at /token with a DPoP proof by `key` (nonce if given). */
export async function dpopTokensFor(h: GrantsHarness, clientId: string, key: DpopTestKey, nonce?: string): Promise<Record<string, any>> {
  const { authReqId, request } = h.newRequest({ client_id: clientId });
  await h.seedGrant(request, { status: 'approved' });
  const proof = await dpopProof(key, { htu: `${GRANTS_ISSUER}/token`, nonce });
  const res = await h.post('/token', { grant_type: 'urn:openid:params:grant-type:ciba', auth_req_id: authReqId }, clientId, { DPoP: proof });
  if (res.status !== 200) throw new Error(`DPoP token request failed: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, any>;
}
