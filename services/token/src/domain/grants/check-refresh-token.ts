import { InvalidGrant } from '@ciba/contracts/oauth-errors';
import type { RefreshTokenRecord } from './refresh-token-record.ts';

/**
 * The rules of a refresh token request (RFC 6749 §6, OAuth 2.0 Security BCP §4.14.2). Throws
 * `invalid_grant`, or answers `reused` for a token already rotated: the caller revokes its family
 * before refusing. Unknown and other clients' tokens answer alike.
 */
export function checkRefreshToken(record: RefreshTokenRecord | null, clientId: string, now: Date): 'valid' | 'reused' {
  if (!record || record.clientId !== clientId) throw new InvalidGrant('refresh_token is invalid');
  if (record.revokedAt) throw new InvalidGrant('refresh_token has been revoked');
  if (record.usedAt) return 'reused';
  if (record.expiresAt.getTime() <= now.getTime()) throw new InvalidGrant('refresh_token has expired');
  return 'valid';
}
