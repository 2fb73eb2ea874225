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

/** Client ids whose MAC is remembered (authenticated clients only reach here); past it the memory starts afresh. */
const CLIENT_MACS = 10_000;

/**
 * Names the keys of the prompt limits under `<namespace>:auth-endpoint:prompts:`. No `sub`, hint or
 * client id appears in clear: each key ends in an HMAC-SHA256 whose key is derived from `secret`
 * (ADMIN_TOKEN, which every replica shares), so a reader of Redis cannot test guesses of a `sub`
 * against it either. The pending mark is named by both MACs; a client's MAC is computed once.
 */
export function promptLimitKeys(namespace: string, secret: string): (clientId: string, sub: string) => PromptLimitKeys {
  const key = createHmac('sha256', secret).update('ciba auth-endpoint prompt-limit keys v1').digest();
  const mac = (kind: string, value: string) => createHmac('sha256', key).update(kind).update('\0').update(value).digest('base64url');
  const clientMacs = new Map<string, string>();
  const clientMac = (clientId: string) => {
    let m = clientMacs.get(clientId);
    if (m === undefined) {
      if (clientMacs.size >= CLIENT_MACS) clientMacs.clear();
      m = mac('client', clientId);
      clientMacs.set(clientId, m);
    }
    return m;
  };
  const prefix = `${namespace}:auth-endpoint:prompts`;
  return (clientId, sub) => {
    const c = clientMac(clientId);
    const u = mac('user', sub);
    return { pending: `${prefix}:pending:${c}.${u}`, user: `${prefix}:user:${u}`, client: `${prefix}:client:${c}` };
  };
}
