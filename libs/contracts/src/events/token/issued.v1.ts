import { z } from 'zod';
import { envelopeOf } from '../../envelope.ts';

export const TOKENS_ISSUED_V1 = 'ciba.tokens.issued.v1' as const;

/** Tokens were issued for an approved request (identifiers only, never the tokens). */
export const tokensIssuedV1 = envelopeOf(
  TOKENS_ISSUED_V1,
  z.object({
    request_id: z.uuid(),
    client_id: z.string().min(1).max(200),
    grant_type: z.string().min(1).max(100),
    access_token_jti: z.string().min(1).max(100),
    refresh_token_issued: z.boolean(),
  }),
);
export type TokensIssuedV1 = z.infer<typeof tokensIssuedV1>;
