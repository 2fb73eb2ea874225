import { CompactSign, exportJWK, generateKeyPair, type CryptoKey, type JSONWebKeySet } from 'jose';
import type { ChannelType, ClientView, DirectoryPort, UserChannel } from '@ciba/contracts';

const client = (clientId: string, types?: ChannelType[]): ClientView => ({
  client_id: clientId,
  client_name: 'Example Bank',
  grant_types: ['urn:openid:params:grant-type:ciba'],
  token_endpoint_auth_method: 'client_secret_basic',
  backchannel_token_delivery_mode: 'poll',
  backchannel_user_code_parameter: false,
  id_token_signed_response_alg: 'RS256',
  ...(types ? { consent_channel_types: types } : {}),
});

/**
 * The directory as the dispatcher uses it: users' channels, clients (`client-1` allows every type,
 * `clients` sets others' `consent_channel_types`), and `signDetached` with an RSA key of its own
 * (`jwks()` publishes it); other methods fail loudly.
 */
export class TestDirectory {
  readonly users = new Map<string, UserChannel[]>();
  readonly clients = new Map<string, ChannelType[]>();
  /** Makes `getUser` throw (the token service unreachable). */
  failing = false;
  private key?: { privateKey: CryptoKey; jwks: JSONWebKeySet };

  private async signingKey() {
    if (!this.key) {
      const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
      this.key = { privateKey, jwks: { keys: [{ ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' }] } };
    }
    return this.key;
  }

  async jwks(): Promise<JSONWebKeySet> {
    return (await this.signingKey()).jwks;
  }

  port(): DirectoryPort {
    const unused = async (): Promise<never> => {
      throw new Error('not used by the consent dispatcher');
    };
    return {
      getUser: async (sub) => {
        if (this.failing) throw new Error('directory unreachable');
        const channels = this.users.get(sub);
        return channels ? { sub, claims: {}, channels, has_user_code: false } : null;
      },
      getClient: async (clientId) => (clientId === 'client-1' ? client(clientId) : this.clients.has(clientId) ? client(clientId, this.clients.get(clientId)) : null),
      signDetached: async (payload) => {
        const { privateKey } = await this.signingKey();
        const jws = await new CompactSign(new TextEncoder().encode(payload)).setProtectedHeader({ alg: 'RS256', kid: 'test-key', typ: 'ciba-prompt+jws' }).sign(privateKey);
        const [header, , signature] = jws.split('.');
        return `${header}..${signature}`;
      },
      authenticateClient: unused,
      resolveLoginHint: unused,
      verifyUserCode: unused,
      verifyOwnJwt: unused,
      verifyClientJwt: unused,
    };
  }
}
