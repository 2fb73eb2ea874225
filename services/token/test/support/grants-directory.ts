import type { ClientView, UserView } from '@ciba/contracts';
import { InvalidClient } from '@ciba/contracts/oauth-errors';
import type { TokenDirectory } from '../../src/directory/token-directory.ts';

export interface GrantsDirectory extends TokenDirectory {
  /** Registers a client authenticating with `client_secret_basic` (secret = `<client_id>-secret`). */
  addClient(client: Partial<ClientView> & { client_id: string }): ClientView;
  addUser(sub: string, claims: Record<string, unknown>): void;
  removeUser(sub: string): void;
  /** Every `endpoint` passed to `authenticateClient`. */
  endpoints: string[];
}

export const secretOf = (clientId: string) => `${clientId}-secret`;
export const basicAuth = (clientId: string, secret = secretOf(clientId)) =>
  `Basic ${Buffer.from(`${encodeURIComponent(clientId)}:${encodeURIComponent(secret)}`).toString('base64')}`;

/** A small in-test directory: Basic-authenticated clients and users with claims. */
export function grantsDirectory(): GrantsDirectory {
  const clients = new Map<string, ClientView>();
  const users = new Map<string, Record<string, unknown>>();
  const endpoints: string[] = [];
  const unused = (name: string) => async (): Promise<never> => {
    throw new Error(`${name} is not used by the grant endpoints`);
  };
  return {
    endpoints,
    addClient(partial) {
      const client: ClientView = {
        grant_types: ['urn:openid:params:grant-type:ciba', 'refresh_token'],
        token_endpoint_auth_method: 'client_secret_basic',
        backchannel_token_delivery_mode: 'poll',
        backchannel_user_code_parameter: false,
        id_token_signed_response_alg: 'RS256',
        ...partial,
      };
      clients.set(client.client_id, client);
      return client;
    },
    addUser(sub, claims) {
      users.set(sub, claims);
    },
    removeUser(sub) {
      users.delete(sub);
    },
    async authenticateClient(credentials) {
      endpoints.push(credentials.endpoint);
      const match = /^Basic (.+)$/.exec(credentials.authorization ?? '');
      if (!match) throw new InvalidClient('client authentication is required');
      const [id, secret] = Buffer.from(match[1]!, 'base64').toString().split(':').map(decodeURIComponent);
      const client = clients.get(id ?? '');
      if (!client || secret !== secretOf(client.client_id)) throw new InvalidClient('client authentication failed');
      return client;
    },
    async getClient(clientId) {
      return clients.get(clientId) ?? null;
    },
    async getUser(sub): Promise<UserView | null> {
      const claims = users.get(sub);
      return claims ? { sub, claims, channels: [], has_user_code: false } : null;
    },
    async getUserClaims(sub) {
      return users.get(sub) ?? null;
    },
    resolveLoginHint: unused('resolveLoginHint'),
    verifyUserCode: unused('verifyUserCode'),
    verifyOwnJwt: unused('verifyOwnJwt'),
    verifyClientJwt: unused('verifyClientJwt'),
    signDetached: unused('signDetached'),
  };
}
