import { cibaGrant } from './ciba.ts';
import type { GrantModule } from './grant-module.ts';
import { refreshTokenGrant } from './refresh-token.ts';

/** The grant types this token endpoint serves, by `grant_type`. */
export const GRANTS: ReadonlyMap<string, GrantModule<any>> = new Map<string, GrantModule<any>>(
  [cibaGrant, refreshTokenGrant].map((grant) => [grant.grantType, grant]),
);
