import type { UserProfile } from '../domain/users/user-profile.ts';

/** Users a login hint resolved to, kept only until the current turn of the event loop ends. */
export interface JustResolvedUsers {
  remember(user: UserProfile): void;
  /** The user `remember`ed for this sub in this turn, or undefined. */
  recall(sub: string): UserProfile | undefined;
}

/**
 * Lets the `getUser(sub)` (and `verifyUserCode`) that follow `resolveLoginHint` in the same request
 * (bc-authorize asks at once, without I/O in between) reuse the row the hint lookup read, so hint →
 * user is one statement. Not a cache: every entry is dropped when the turn ends (`setImmediate`), so
 * nothing answers from a read older than the I/O callback that produced it; a deleted user's hints stop
 * resolving at once because `resolveLoginHint` always reads. Asked over HTTP (another process), the
 * calls come in different turns and `getUser` reads again.
 */
export function justResolvedUsers(): JustResolvedUsers {
  const users = new Map<string, UserProfile>();
  let clearing = false;
  const clear = () => {
    users.clear();
    clearing = false;
  };
  return {
    remember(user) {
      users.set(user.sub, user);
      if (!clearing) {
        clearing = true;
        setImmediate(clear).unref();
      }
    },
    recall: (sub) => users.get(sub),
  };
}
