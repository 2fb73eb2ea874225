import type { OutboxRecord } from '@ciba/event-bus';
import type { UserProfile } from './user-profile.ts';
import type { UserRecord } from './user-record.ts';

/** Persistence of users and their login hints (`users`, `user_login_hints`). */
export interface UserRepository {
  /** The user with its login hints (the operator API), or null. */
  findBySub(sub: string): Promise<UserRecord | null>;
  /** The user without its login hints (the directory), or null. */
  findProfile(sub: string): Promise<UserProfile | null>;
  /** The user holding this login hint, without its hints, or null: one lookup from hint to user. */
  findProfileByLoginHint(hint: string): Promise<UserProfile | null>;
  /**
   * Creates or replaces the user with its hints, claims and channels in one transaction.
   * `conflict` (and nothing changed) when another user holds one of the hints. `event` goes into the
   * outbox in the same transaction.
   */
  replace(user: UserRecord, event?: OutboxRecord): Promise<'stored' | 'conflict'>;
  /** Deletes the user and its hints (and writes `event` to the outbox with it); false when there was no such user. */
  delete(sub: string, event?: OutboxRecord): Promise<boolean>;
}
