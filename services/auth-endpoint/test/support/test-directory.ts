import * as jose from 'jose';
import type { ClientView, DirectoryPort, UserView } from '@ciba/contracts';
import { CIBA_GRANT_TYPE } from '@ciba/contracts';
import { InvalidClient } from '@ciba/contracts/oauth-errors';
import { safeEqual } from '@ciba/service-kit';

export const TEST_ISSUER = 'https://op.example.test';

export interface TestClient {
  view: ClientView;
  secret: string;
}

export interface TestUser {
  view: UserView;
  hints: string[];
  userCode?: string;
}

/**
 * A small in-memory DirectoryPort for tests: client_secret_basic/post clients, users with login
 * hints and user codes, one ES256 key shared by the clients and one ES256 server key, verified with jose the way
 * the token service's directory does (signature and alg only; expiry is the caller's business).
 */
export interface TestDirectory extends DirectoryPort {
  clients: Map<string, TestClient>;
  users: Map<string, TestUser>;
  clientKey: jose.GenerateKeyPairResult;
  serverKey: jose.GenerateKeyPairResult;
  addClient(clientId: string, overrides?: Partial<ClientView>): TestClient;
  addUser(sub: string, options?: { hints?: string[]; userCode?: string }): TestUser;
  /** A JWT the client signs (a signed request or a login_hint_token). */
  signAsClient(claims: Record<string, unknown>, alg?: string): Promise<string>;
  /** A JWT this server signs (an ID token). */
  signAsServer(claims: Record<string, unknown>): Promise<string>;
}

export async function createTestDirectory(issuer = TEST_ISSUER): Promise<TestDirectory> {
  const clientKey = await jose.generateKeyPair('ES256');
  const serverKey = await jose.generateKeyPair('ES256');
  const clients = new Map<string, TestClient>();
  const users = new Map<string, TestUser>();

  const directory: TestDirectory = {
    clients,
    users,
    clientKey,
    serverKey,
    addClient(clientId, overrides = {}) {
      const client: TestClient = {
        secret: `secret-of-${clientId}`,
        view: {
          client_id: clientId,
          grant_types: [CIBA_GRANT_TYPE],
          token_endpoint_auth_method: 'client_secret_basic',
          backchannel_token_delivery_mode: 'poll',
          backchannel_user_code_parameter: false,
          id_token_signed_response_alg: 'RS256',
          ...overrides,
        },
      };
      clients.set(clientId, client);
      return client;
    },
    addUser(sub, options = {}) {
      const user: TestUser = {
        view: { sub, claims: { name: sub }, channels: [], has_user_code: options.userCode !== undefined },
        hints: options.hints ?? [],
        userCode: options.userCode,
      };
      users.set(sub, user);
      return user;
    },
    async signAsClient(claims, alg = 'ES256') {
      return new jose.SignJWT(claims as jose.JWTPayload).setProtectedHeader({ alg }).sign(clientKey.privateKey);
    },
    async signAsServer(claims) {
      return new jose.SignJWT(claims as jose.JWTPayload).setProtectedHeader({ alg: 'ES256' }).sign(serverKey.privateKey);
    },

    async authenticateClient(credentials) {
      let id = credentials.client_id;
      let secret = credentials.client_secret;
      const basic = /^Basic (.+)$/i.exec(credentials.authorization ?? '');
      if (basic) {
        const [user, pass] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
        id = decodeURIComponent(user ?? '');
        secret = decodeURIComponent(pass ?? '');
      }
      const client = id ? clients.get(id) : undefined;
      if (!client || !secret || !safeEqual(secret, client.secret)) throw new InvalidClient();
      return client.view;
    },
    async getClient(clientId) {
      return clients.get(clientId)?.view ?? null;
    },
    async resolveLoginHint(loginHint) {
      for (const user of users.values()) if (user.hints.includes(loginHint)) return user.view.sub;
      return null;
    },
    async getUser(sub) {
      return users.get(sub)?.view ?? null;
    },
    async verifyUserCode(sub, userCode) {
      const stored = users.get(sub)?.userCode;
      return stored !== undefined && safeEqual(stored, userCode);
    },
    async verifyOwnJwt(jwt) {
      try {
        const { payload } = await jose.compactVerify(jwt, serverKey.publicKey, { algorithms: ['ES256'] });
        const claims = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
        return claims.iss === issuer ? claims : null;
      } catch {
        return null;
      }
    },
    async signDetached(): Promise<never> {
      throw new Error('signDetached is not used by the auth endpoint');
    },
    async verifyClientJwt(clientId, jwt, algorithms) {
      if (!clients.has(clientId)) return null;
      try {
        const { payload, protectedHeader } = await jose.compactVerify(jwt, clientKey.publicKey, { algorithms });
        return { header: protectedHeader as Record<string, unknown>, claims: JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown> };
      } catch {
        return null;
      }
    },
  };
  return directory;
}
