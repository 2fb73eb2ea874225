import type { DirectoryPort } from '@ciba/contracts';

/**
 * The directory the token service serves (`DirectoryPort`) plus what its own grants need: the claims
 * of a user for ID tokens and userinfo.
 */
export interface TokenDirectory extends DirectoryPort {
  /** The user's stored claims (OpenID Connect Core §5.1 names), or null when the user is unknown. */
  getUserClaims(sub: string): Promise<Record<string, unknown> | null>;
}
