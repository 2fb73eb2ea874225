/** Whether a `user_code` may be checked now, or the user is locked out for `retryAfter` seconds. */
export type UserCodeAttempt = { allowed: true } | { allowed: false; retryAfter: number };

/**
 * Wrong `user_code` attempts per user (CIBA Core §7.1), from every client and replica together.
 * `begin` counts the attempt before the code is checked (so concurrent guesses cannot exceed the
 * limit); then exactly one of `succeeded` (a right code: the count starts afresh), `failed` (a wrong
 * one: stays counted, and the last allowed one starts a lockout that doubles each time) or `abandon`
 * (the code could not be checked: not counted). Implementations throw when they cannot tell (store
 * unreachable); the caller fails closed.
 */
export interface UserCodeAttempts {
  begin(sub: string): Promise<UserCodeAttempt>;
  succeeded(sub: string): Promise<void>;
  failed(sub: string): Promise<void>;
  abandon(sub: string): Promise<void>;
}

/** Off (`BC_USER_CODE_MAX_ATTEMPTS=0`): every code is checked, nothing is counted. */
export const noUserCodeAttemptLimit: UserCodeAttempts = {
  begin: async () => ({ allowed: true }),
  succeeded: async () => undefined,
  failed: async () => undefined,
  abandon: async () => undefined,
};
