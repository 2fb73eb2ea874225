import type { UserRecord } from './user-record.ts';

/** A user as the directory answers for it: everything stored except the login hints. */
export type UserProfile = Omit<UserRecord, 'loginHints'>;
