// The receiving side of a webhook, as channels/webhook/README.md shows it.
import { createRemoteJWKSet, flattenedVerify } from 'jose';

export interface VerifiedPrompt {
  prompt_id: string;
  decision_uri: string;
  decision_token: string;
  expires_at: string;
  [member: string]: unknown;
}

/**
 * A verifier of prompts for the server at `issuer` (its keys at `jwksUrl`): the `Ciba-Signature`
 * must verify over the raw body with one of the server's keys and be a prompt signature (`typ`),
 * the prompt's `decision_uri` must be the server's own and end in the prompt's `prompt_id`, and the
 * prompt must not have expired.
 */
export function promptVerifier(jwksUrl: string, consentUrl: string) {
  const jwks = createRemoteJWKSet(new URL(jwksUrl));
  return async function verifyPrompt(rawBody: Buffer, signatureHeader: string | undefined): Promise<VerifiedPrompt> {
    const [protectedHeader, detached, signature] = (signatureHeader ?? '').split('.');
    if (!protectedHeader || detached !== '' || !signature) throw new Error('missing or malformed Ciba-Signature');
    const { protectedHeader: header } = await flattenedVerify(
      { protected: protectedHeader, payload: rawBody.toString('base64url'), signature },
      jwks,
      { algorithms: ['ES256', 'PS256', 'RS256', 'EdDSA'] },
    );
    if (header?.typ !== 'ciba-prompt+jws') throw new Error('not a prompt signature');
    const prompt = JSON.parse(rawBody.toString('utf8')) as VerifiedPrompt;
    if (prompt.decision_uri !== `${consentUrl}/device/decisions/${prompt.prompt_id}`) throw new Error('decision_uri does not match prompt_id');
    if (Date.parse(prompt.expires_at) <= Date.now()) throw new Error('prompt expired');
    return prompt;
  };
}
