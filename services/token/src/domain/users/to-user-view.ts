import type { UserView } from '@ciba/contracts';
import type { UserRecord } from './user-record.ts';

/** What other services may know of a user: claims and channels, whether it has a user code, never the code. */
export function toUserView(user: UserRecord): UserView {
  return { sub: user.sub, claims: user.claims, channels: user.channels, has_user_code: user.userCodeHash !== null };
}
