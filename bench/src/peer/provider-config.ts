import type { Redis } from 'ioredis';
import type { ClientMetadata, Configuration, JWK } from 'oidc-provider';
import { errors } from 'oidc-provider';
import type { Accounts } from './accounts.ts';
import { RedisAdapter } from './redis-adapter.ts';
import { createTriggerDevice } from './trigger-device.ts';

export interface PeerSettings {
  issuer: string;
  redis: Redis;
  accounts: Accounts;
  clients: ClientMetadata[];
  signingKey: JWK;
  decisionSecret: string;
}

/** The resource indicator every token is minted for, so access tokens are RS256 JWTs as ours are. */
export const BENCH_RESOURCE = 'urn:ciba-bench:api';

/**
 * oidc-provider configured to do the work ours does per CIBA flow: client_secret_basic, poll (and
 * ping) delivery, users resolved from the durable store by login hint, RS256 JWT access tokens
 * (RFC 9068, via resource indicators), RS256 ID tokens, refresh tokens for clients allowed the grant,
 * and the same lifetimes (request 600 s, access and ID token 600 s, refresh token 30 days).
 */
export function providerConfiguration(settings: PeerSettings): Configuration {
  const { accounts, issuer } = settings;
  return {
    adapter: (name: string) => new RedisAdapter(name, settings.redis),
    clients: settings.clients,
    jwks: { keys: [settings.signingKey] },
    findAccount: (_ctx, sub) => accounts.findAccount(sub),
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    ttl: { BackchannelAuthenticationRequest: 600, AccessToken: 600, IdToken: 600, RefreshToken: 30 * 86_400, Grant: 30 * 86_400 },
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    features: {
      devInteractions: { enabled: false },
      ciba: {
        enabled: true,
        deliveryModes: ['poll', 'ping'],
        processLoginHint: async (_ctx, loginHint) => (loginHint ? accounts.subForLoginHint(loginHint) : undefined),
        processLoginHintToken: async () => {
          throw new errors.InvalidRequest('login_hint_token is not supported');
        },
        verifyUserCode: async () => undefined,
        validateBindingMessage: async (_ctx, bindingMessage) => {
          if (bindingMessage !== undefined && (bindingMessage.length < 1 || bindingMessage.length > 64)) {
            throw new errors.InvalidBindingMessage('binding_message must be 1 to 64 characters');
          }
        },
        validateRequestContext: async () => undefined,
        triggerAuthenticationDevice: createTriggerDevice(issuer, settings.decisionSecret),
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: async () => BENCH_RESOURCE,
        useGrantedResource: async () => true,
        getResourceServerInfo: async () => ({
          scope: 'openid profile email offline_access',
          audience: issuer,
          accessTokenTTL: 600,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  };
}
