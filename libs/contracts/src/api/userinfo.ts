import { z } from 'zod';

/**
 * UserInfo response: `sub` always, plus the standard claims the access token's scope allows.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#UserInfoResponse
 */
export const userinfoResponse = z.looseObject({ sub: z.string().min(1) });
export type UserinfoResponse = z.infer<typeof userinfoResponse>;

/**
 * The standard claims each scope value releases.
 * @see https://openid.net/specs/openid-connect-core-1_0.html#ScopeClaims
 */
export const SCOPE_CLAIMS = {
  profile: [
    'name', 'family_name', 'given_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture',
    'website', 'gender', 'birthdate', 'zoneinfo', 'locale', 'updated_at',
  ],
  email: ['email', 'email_verified'],
  address: ['address'],
  phone: ['phone_number', 'phone_number_verified'],
} as const satisfies Record<string, readonly string[]>;
