import { InvalidGrant, type OAuthError } from '@ciba/contracts/oauth-errors';

/** The answer to a rotated refresh token presented again (its family is revoked first). */
export function reusedRefreshToken(): OAuthError {
  return new InvalidGrant('refresh_token has already been used; every token of its grant is revoked');
}
