import { InvalidClient } from '@ciba/contracts/oauth-errors';

const BASIC = /^Basic +([A-Za-z0-9+/]+={0,2})$/i;

const formDecode = (value: string) => decodeURIComponent(value.replace(/\+/g, ' '));

/** Whether an `Authorization` header uses the Basic scheme. */
export const isBasicAuthorization = (header: string | undefined): header is string => header !== undefined && /^Basic(\s|$)/i.test(header.trim());

/**
 * `client_secret_basic`: the client id and secret, each form-urlencoded, then joined by `:` and
 * base64-encoded (RFC 6749 §2.3.1). Throws `InvalidClient` when the header cannot be decoded.
 * @see https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1
 */
export function parseBasicAuthorization(header: string): { clientId: string; clientSecret: string } {
  const match = BASIC.exec(header.trim());
  if (!match) throw new InvalidClient('malformed basic authorization header');
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) throw new InvalidClient('malformed basic authorization header');
  try {
    return { clientId: formDecode(decoded.slice(0, colon)), clientSecret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    throw new InvalidClient('client_id and client_secret in the authorization header are not properly encoded');
  }
}
