import { z } from 'zod';
import { userChannel } from '../ports/directory.ts';
import { containsNul } from './contains-nul.ts';

/**
 * The operator users API (interfaces.md §3): `PUT|GET|DELETE /admin/users/{sub}` with
 * `Authorization: Bearer <ADMIN_TOKEN>`. JSON in and out; a body that does not match answers 400
 * `invalid_request`, a login hint another user holds 409 `conflict`, an unknown user 404 `not_found`.
 */

/** The path prefix; the user's `sub` is the next (percent-encoded) path segment. */
export const ADMIN_USERS_PATH = '/admin/users' as const;

/** A `sub`: 1–255 characters, no control characters (OpenID Connect Core §2: at most 255 ASCII). */
export const subject = z.string().min(1).max(255).regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

/** A login hint (e-mail address, phone number, user name): 1–1024 characters, no control characters. */
export const loginHint = z.string().min(1).max(1024).regex(/^[^\p{Cc}]+$/u, 'must not contain control characters');

/**
 * `PUT /admin/users/{sub}`: creates or replaces the user; hints, claims and channels are replaced as
 * a whole. `user_code` is stored hashed and never returned; omitting it removes the user's code.
 * Unknown members are ignored.
 */
export const putUserRequest = z
  .object({
    /** Unique across users (409 on a clash); at most 20; repeated values count once. */
    login_hints: z.array(loginHint).max(20).default([]),
    /** A secret the user knows (CIBA Core §7.1 `user_code`). */
    user_code: z.string().min(1).max(256).optional(),
    /** OpenID Connect Core §5.1 claims returned in ID tokens and userinfo; `sub` is the path's. */
    claims: z.record(z.string().min(1).max(200), z.unknown()).default({}),
    /** Tried in order by the consent dispatcher. Webhook URLs are https in production. */
    channels: z.array(userChannel).max(10).default([]),
  })
  // PostgreSQL text and jsonb cannot hold NUL: a value with one could never be stored.
  .refine((user) => !containsNul(user), { message: 'must not contain NUL characters' });
export type PutUserRequest = z.infer<typeof putUserRequest>;

/** A stored user, as the operator API answers it (never the user code). */
export const adminUserResponse = z.object({
  sub: subject,
  login_hints: z.array(z.string()),
  claims: z.record(z.string(), z.unknown()),
  channels: z.array(userChannel),
  /** Whether a user code is set. */
  has_user_code: z.boolean(),
});
export type AdminUserResponse = z.infer<typeof adminUserResponse>;
