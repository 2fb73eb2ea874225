import type { ClientView } from '@ciba/contracts';
import { SIGNING_ALGS, type SigningAlg } from '../keys/signing-keys.ts';

/**
 * The client's `id_token_signed_response_alg` (RS256 when unset, OIDC Registration §2). Registration
 * only accepts the algorithms we sign with, so anything else is a server fault, not a silent downgrade.
 */
export function idTokenAlg(client: ClientView): SigningAlg {
  const alg = client.id_token_signed_response_alg || 'RS256';
  if (!(SIGNING_ALGS as readonly string[]).includes(alg)) throw new Error(`client ${client.client_id} has an unsupported id_token_signed_response_alg`);
  return alg as SigningAlg;
}
