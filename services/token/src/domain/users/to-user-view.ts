import type { UserView } from '@ciba/contracts';
import type { UserProfile } from './user-profile.ts';

/** What other services may know of a user: claims and channels, whether it has a user code, never the code. */
export function toUserView(user: UserProfile): UserView {
  return { sub: user.sub, claims: user.claims, channels: user.channels, has_user_code: user.userCodeHash !== null };
}
