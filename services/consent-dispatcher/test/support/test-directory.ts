import type { ClientView, DirectoryPort, UserChannel } from '@ciba/contracts';

/** The directory as the dispatcher uses it (users' channels, client names); other methods fail loudly. */
export class TestDirectory {
  readonly users = new Map<string, UserChannel[]>();

  port(): DirectoryPort {
    const unused = async (): Promise<never> => {
      throw new Error('not used by the consent dispatcher');
    };
    return {
      getUser: async (sub) => {
        const channels = this.users.get(sub);
        return channels ? { sub, claims: {}, channels, has_user_code: false } : null;
      },
      getClient: async (clientId): Promise<ClientView | null> =>
        clientId === 'client-1'
          ? {
              client_id: 'client-1',
              client_name: 'Example Bank',
              grant_types: ['urn:openid:params:grant-type:ciba'],
              token_endpoint_auth_method: 'client_secret_basic',
              backchannel_token_delivery_mode: 'poll',
              backchannel_user_code_parameter: false,
              id_token_signed_response_alg: 'RS256',
            }
          : null,
      authenticateClient: unused,
      resolveLoginHint: unused,
      verifyUserCode: unused,
      verifyOwnJwt: unused,
      verifyClientJwt: unused,
    };
  }
}
