import type { UserChannel } from '@ciba/contracts';

/** An end-user as stored (interfaces.md §3). */
export interface UserRecord {
  sub: string;
  /** Unique across users. */
  loginHints: string[];
  /** OpenID Connect Core §5.1 claims. */
  claims: Record<string, unknown>;
  /** Tried in order by the consent dispatcher. */
  channels: UserChannel[];
  /** scrypt hash of the user code, or null when the user has none. */
  userCodeHash: string | null;
}
