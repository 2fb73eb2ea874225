import { exportJWK, FlattenedSign, generateKeyPair, type CryptoKey, type JWK } from 'jose';

export interface PromptSigner {
  /** The public key set, as the token service publishes it at `/jwks`. */
  jwks: { keys: JWK[] };
  /** The detached compact JWS of `body` (RFC 7515 Appendix F: `<header>..<signature>`), as the dispatcher obtains it. */
  sign(body: string): Promise<string>;
}

/** An ES256 signing key like the token service's, signing prompts the way CHANNELS-DESIGN.md says. */
export async function createPromptSigner(kid = 'test-key-1'): Promise<PromptSigner> {
  const { privateKey, publicKey } = (await generateKeyPair('ES256')) as { privateKey: CryptoKey; publicKey: CryptoKey };
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    async sign(body) {
      const jws = await new FlattenedSign(new TextEncoder().encode(body)).setProtectedHeader({ alg: 'ES256', kid, typ: 'ciba-prompt+jws' }).sign(privateKey);
      return `${jws.protected}..${jws.signature}`;
    },
  };
}
