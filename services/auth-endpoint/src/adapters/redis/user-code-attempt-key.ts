import { createHmac } from 'node:crypto';

/**
 * Names a user's `user_code` attempt record, `<namespace>:auth-endpoint:user-code:<mac>`: the `sub`
 * never appears in clear, only an HMAC-SHA256 under a key derived from `secret` (ADMIN_TOKEN, shared
 * by every replica) with a label of its own, so these keys cannot be matched with the prompt limits'.
 */
export function userCodeAttemptKey(namespace: string, secret: string): (sub: string) => string {
  const key = createHmac('sha256', secret).update('ciba auth-endpoint user-code attempt keys v1').digest();
  const prefix = `${namespace}:auth-endpoint:user-code:`;
  return (sub) => prefix + createHmac('sha256', key).update(sub).digest('base64url');
}
