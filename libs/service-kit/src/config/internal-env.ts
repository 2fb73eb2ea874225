import { z } from 'zod';
import { emptyToUndefined } from './env-fields.ts';

const serviceUrl = z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/, error: 'expected an http(s):// URL' }).optional());

/**
 * Settings of a service run alone (not in the all-in-one process): where the owners of the ports
 * it needs are, and the bearer token that guards `/internal/*`.
 */
export const internalEnv = z.object({
  /** Bearer token of `/internal/*` port calls between services. @defaultValue ADMIN_TOKEN */
  INTERNAL_TOKEN: z.preprocess(emptyToUndefined, z.string().min(16, 'must be at least 16 characters').optional()),
  /** Base URL of the token service (owner of the directory port). @defaultValue ISSUER */
  TOKEN_SERVICE_URL: serviceUrl,
  /** Base URL of the auth-endpoint service (owner of the auth-requests port). @defaultValue ISSUER (token: AUTH_ENDPOINT_PUBLIC_URL) */
  AUTH_ENDPOINT_URL: serviceUrl,
});
export type InternalEnv = z.infer<typeof internalEnv>;
