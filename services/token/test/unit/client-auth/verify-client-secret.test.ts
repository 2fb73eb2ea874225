import { sha256 } from '@ciba/service-kit';
import { verifyClientSecret } from '../../../src/client-auth/verify-client-secret.ts';
import type { ClientRecord } from '../../../src/domain/clients/client-record.ts';

const client = (clientSecretHash: string | null): ClientRecord => ({
  clientId: 'rp',
  clientSecretHash,
  issuedAt: new Date(0),
  metadata: {
    token_endpoint_auth_method: 'client_secret_basic',
    grant_types: ['urn:openid:params:grant-type:ciba'],
    backchannel_user_code_parameter: false,
    id_token_signed_response_alg: 'RS256',
  },
});

const fails = (action: () => void) => expect(action).toThrow(expect.objectContaining({ error: 'invalid_client', message: 'client authentication failed', status: 401 }));

describe('verifyClientSecret', () => {
  it('accepts the secret whose SHA-256 is stored', () => {
    expect(() => verifyClientSecret(client(sha256('s3cret-value')), 's3cret-value')).not.toThrow();
  });

  it('refuses another secret, a prefix of it, or the stored hash itself', () => {
    const stored = client(sha256('s3cret-value'));
    fails(() => verifyClientSecret(stored, 's3cret-valuf'));
    fails(() => verifyClientSecret(stored, 's3cret'));
    fails(() => verifyClientSecret(stored, ''));
    fails(() => verifyClientSecret(stored, sha256('s3cret-value')));
  });

  it('refuses an unknown client, a client without a secret, and a malformed stored hash', () => {
    fails(() => verifyClientSecret(null, 'anything'));
    fails(() => verifyClientSecret(client(null), 'anything'));
    fails(() => verifyClientSecret(client('short'), 'anything'));
  });
});
