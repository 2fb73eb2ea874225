import { z } from 'zod';

/** JWS algorithms a trusted issuer may sign `login_hint_token`s with (asymmetric only). */
export const hintTokenAlg = z.enum(['PS256', 'ES256', 'RS256', 'EdDSA']);

/**
 * An identity service other than the client whose `login_hint_token`s this server accepts (e.g. the
 * bank's own mobile identity service vouching for the user in front of a point-of-sale terminal):
 * its `iss`, its keys by value or by `https` URL, and the algorithms it signs with. Configured in
 * `LOGIN_HINT_TOKEN_ISSUERS`.
 */
export const trustedHintIssuer = z
  .object({
    issuer: z.url({ protocol: /^https?$/ }).max(2048),
    jwks_uri: z.url({ protocol: /^https?$/ }).max(2048).optional(),
    jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())).min(1).max(20) }).optional(),
    algorithms: z.array(hintTokenAlg).min(1).default(['PS256', 'ES256']),
    /** Clients allowed to present this issuer's tokens; absent: every client. */
    client_ids: z.array(z.string().min(1)).min(1).optional(),
  })
  .strict()
  .refine((issuer) => (issuer.jwks === undefined) !== (issuer.jwks_uri === undefined), 'give exactly one of jwks and jwks_uri');

export type TrustedHintIssuer = z.infer<typeof trustedHintIssuer>;
