import { createHmac } from 'node:crypto';

/** The Redis keys of one prompt's limits. */
export interface PromptLimitKeys {
  /** The (client, user) pending mark. */
  pending: string;
  /** The user's log of accepted requests. */
  user: string;
  /** The client's counter. */
  client: string;
}

/**
 * Names the keys of the prompt limits under `<namespace>:auth-endpoint:prompts:`. No `sub`, hint or
 * client id appears in clear: each key ends in an HMAC-SHA256 whose key is derived from `secret`
 * (ADMIN_TOKEN, which every replica shares), so a reader of Redis cannot test guesses of a `sub`
 * against it either.
 */
export function promptLimitKeys(namespace: string, secret: string): (clientId: string, sub: string) => PromptLimitKeys {
  const key = createHmac('sha256', secret).update('ciba auth-endpoint prompt-limit keys v1').digest();
  const mac = (...parts: string[]) => createHmac('sha256', key).update(JSON.stringify(parts)).digest('base64url');
  const prefix = `${namespace}:auth-endpoint:prompts`;
  return (clientId, sub) => ({
    pending: `${prefix}:pending:${mac('pending', clientId, sub)}`,
    user: `${prefix}:user:${mac('user', sub)}`,
    client: `${prefix}:client:${mac('client', clientId)}`,
  });
}
