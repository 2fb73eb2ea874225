import type { UserRecord } from './user-record.ts';

/** Persistence of users and their login hints (`users`, `user_login_hints`). */
export interface UserRepository {
  findBySub(sub: string): Promise<UserRecord | null>;
  /** The `sub` holding this login hint, or null. */
  findSubByLoginHint(hint: string): Promise<string | null>;
  /**
   * Creates or replaces the user with its hints, claims and channels in one transaction.
   * `conflict` (and nothing changed) when another user holds one of the hints.
   */
  replace(user: UserRecord): Promise<'stored' | 'conflict'>;
  /** Deletes the user and its hints; false when there was no such user. */
  delete(sub: string): Promise<boolean>;
}
