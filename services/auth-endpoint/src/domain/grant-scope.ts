import { SUPPORTED_SCOPES } from './supported-scopes.ts';

/**
 * The scope values granted for a request: the requested ones this server supports and, when the
 * client registered a `scope`, that it registered (`openid` always stays). Order kept, duplicates dropped.
 */
export function grantScope(requested: string, registered?: string): string[] {
  const allowed = registered === undefined ? undefined : new Set(registered.split(' ').filter(Boolean));
  const values = new Set(requested.split(' ').filter(Boolean));
  return [...values].filter((v) => SUPPORTED_SCOPES.includes(v) && (v === 'openid' || !allowed || allowed.has(v)));
}
