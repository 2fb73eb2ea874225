import { z } from 'zod';
import { emptyToUndefined } from '@ciba/service-kit';
import { trustedHintIssuer } from './trusted-hint-issuer.ts';

/**
 * `LOGIN_HINT_TOKEN_ISSUERS`: a JSON array of {@link trustedHintIssuer}; unset, only `login_hint_token`s
 * the client itself signed are accepted. Issuers must be unique.
 */
export const trustedHintIssuersEnv = z.preprocess(
  (value) => {
    const raw = emptyToUndefined(value);
    if (typeof raw !== 'string') return raw;
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return Symbol('not JSON');
    }
  },
  z
    .array(trustedHintIssuer, { error: 'expected a JSON array of {"issuer", "jwks_uri" | "jwks", "algorithms"?, "client_ids"?}' })
    .max(20)
    .refine((list) => new Set(list.map((entry) => entry.issuer)).size === list.length, 'each issuer may appear once')
    .default([]),
);
