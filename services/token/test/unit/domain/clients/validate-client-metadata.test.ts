import { exportJWK, generateKeyPair } from 'jose';
import { InvalidClientMetadata } from '@ciba/contracts/oauth-errors';
import { validateClientMetadata } from '../../../../src/domain/clients/validate-client-metadata.ts';

const CIBA = 'urn:openid:params:grant-type:ciba';

async function expectInvalid(body: unknown, description: string, production = false) {
  const err = await validateClientMetadata(body, production).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(InvalidClientMetadata);
  expect(err).toMatchObject({ error: 'invalid_client_metadata', status: 400, message: description });
}

let publicJwk: Record<string, unknown>;
beforeAll(async () => {
  const { publicKey } = await generateKeyPair('ES256', { extractable: true });
  publicJwk = { ...(await exportJWK(publicKey)), kid: 'k1' };
});

describe('validateClientMetadata defaults', () => {
  it('applies client_secret_basic, the CIBA and refresh grants, poll, RS256 and no user code', async () => {
    expect(await validateClientMetadata({}, false)).toEqual({
      token_endpoint_auth_method: 'client_secret_basic',
      grant_types: [CIBA, 'refresh_token'],
      backchannel_token_delivery_mode: 'poll',
      backchannel_user_code_parameter: false,
      id_token_signed_response_alg: 'RS256',
    });
  });

  it('ignores unknown metadata (RFC 7591 §2)', async () => {
    expect(await validateClientMetadata({ logo_uri: 'https://x', software_id: 'abc' }, false)).not.toHaveProperty('logo_uri');
  });

  it('keeps a grant_types list without the CIBA grant as given and sets no delivery mode', async () => {
    const m = await validateClientMetadata({ grant_types: ['refresh_token'] }, false);
    expect(m.grant_types).toEqual(['refresh_token']);
    expect(m.backchannel_token_delivery_mode).toBeUndefined();
  });

  it('accepts private_key_jwt with a jwks by value', async () => {
    const m = await validateClientMetadata({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk] } }, false);
    expect(m.jwks).toEqual({ keys: [publicJwk] });
  });

  it('accepts push with an http loopback endpoint in development', async () => {
    const m = await validateClientMetadata(
      { backchannel_token_delivery_mode: 'push', backchannel_client_notification_endpoint: 'http://localhost:3000/cb' },
      false,
    );
    expect(m.backchannel_token_delivery_mode).toBe('push');
  });
});

describe('validateClientMetadata invalid_client_metadata', () => {
  it.each<[string, unknown, string]>([
    ['a non-object body', 'client', 'client metadata must be a JSON object'],
    ['null', null, 'client metadata must be a JSON object'],
    ['ping without endpoint', { backchannel_token_delivery_mode: 'ping' }, 'backchannel_client_notification_endpoint is required for the ping mode'],
    ['push without endpoint', { backchannel_token_delivery_mode: 'push' }, 'backchannel_client_notification_endpoint is required for the push mode'],
    ['an unknown delivery mode', { backchannel_token_delivery_mode: 'webhook' }, 'backchannel_token_delivery_mode must be poll, ping or push'],
    ['private_key_jwt without keys', { token_endpoint_auth_method: 'private_key_jwt' }, 'private_key_jwt requires jwks or jwks_uri'],
    [
      'signed requests without keys',
      { backchannel_authentication_request_signing_alg: 'ES256' },
      'backchannel_authentication_request_signing_alg requires jwks or jwks_uri',
    ],
    ['an endpoint with a fragment', { backchannel_client_notification_endpoint: 'https://rp.example/cb#x' }, 'backchannel_client_notification_endpoint must not contain a fragment'],
    [
      'an endpoint with credentials',
      { backchannel_client_notification_endpoint: 'https://u:p@rp.example/cb' },
      'backchannel_client_notification_endpoint must not carry credentials',
    ],
    ['an endpoint that is not a URL', { backchannel_client_notification_endpoint: '/cb' }, 'backchannel_client_notification_endpoint is not valid'],
    ['a non-http endpoint', { backchannel_client_notification_endpoint: 'ftp://rp.example/cb' }, 'backchannel_client_notification_endpoint must use http or https'],
    ['a scope with bad characters', { scope: 'openid  "email"' }, 'scope must be space-separated scope tokens'],
  ])('rejects %s', async (_name, body, description) => {
    await expectInvalid(body, description);
  });

  it.each<[string, unknown]>([
    ['an unsupported token_endpoint_auth_method', { token_endpoint_auth_method: 'client_secret_jwt' }],
    ['a non-string client_name', { client_name: 42 }],
    ['grant_types that is not an array', { grant_types: 'refresh_token' }],
    ['a non-boolean backchannel_user_code_parameter', { backchannel_user_code_parameter: 'yes' }],
    ['an unsupported id_token_signed_response_alg', { id_token_signed_response_alg: 'HS256' }],
    ['an unsupported request signing alg', { backchannel_authentication_request_signing_alg: 'none' }],
    ['jwks without keys', { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [] } }],
    ['jwks that is not a set', { token_endpoint_auth_method: 'private_key_jwt', jwks: [{}] }],
  ])('rejects %s naming the member', async (_name, body) => {
    const err = await validateClientMetadata(body, false).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidClientMetadata);
    expect((err as Error).message).toMatch(new RegExp(`^${Object.keys(body as object).at(-1)}`));
  });

  it('rejects jwks and jwks_uri together', async () => {
    await expectInvalid(
      { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [publicJwk] }, jwks_uri: 'https://rp.example/jwks' },
      'jwks and jwks_uri must not both be given',
    );
  });

  it('rejects a private key in jwks', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    await expectInvalid({ token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [await exportJWK(privateKey)] } }, 'jwks.keys[0] must be a public key');
  });

  it('rejects a malformed key in jwks', async () => {
    await expectInvalid(
      { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ kty: 'RSA', n: 'abc' }] } },
      'jwks.keys[0] is not a valid key',
    );
  });

  it('rejects a symmetric key in jwks', async () => {
    await expectInvalid(
      { token_endpoint_auth_method: 'private_key_jwt', jwks: { keys: [{ kty: 'oct', kid: 'x', alg: 'HS256' }] } },
      'jwks.keys[0] must be an RSA key or a P-256 EC key for RS256, PS256 or ES256',
    );
  });

  it('rejects an http notification endpoint in production', async () => {
    await expectInvalid(
      { backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: 'http://rp.example/cb' },
      'backchannel_client_notification_endpoint must use https',
      true,
    );
  });

  it.each(['https://192.168.1.10/cb', 'https://169.254.169.254/cb', 'https://[::1]/cb', 'https://[fd00::1]/cb', 'https://app.localhost/cb'])(
    'rejects the notification endpoint %s in production',
    async (endpoint) => {
      await expectInvalid(
        { backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: endpoint },
        'backchannel_client_notification_endpoint must not point to a loopback, private or reserved address',
        true,
      );
    },
  );

  it('rejects an http jwks_uri in production', async () => {
    await expectInvalid({ token_endpoint_auth_method: 'private_key_jwt', jwks_uri: 'http://rp.example/jwks' }, 'jwks_uri must use https', true);
  });
});

describe('validateClientMetadata dpop_bound_access_tokens (RFC 9449 §5.2)', () => {
  it('registers it with poll and ping, and leaves it out when not given', async () => {
    expect(await validateClientMetadata({ dpop_bound_access_tokens: true }, false)).toMatchObject({ dpop_bound_access_tokens: true, backchannel_token_delivery_mode: 'poll' });
    expect(
      await validateClientMetadata({ dpop_bound_access_tokens: true, backchannel_token_delivery_mode: 'ping', backchannel_client_notification_endpoint: 'http://localhost:3000/cb' }, false),
    ).toMatchObject({ dpop_bound_access_tokens: true, backchannel_token_delivery_mode: 'ping' });
    expect(await validateClientMetadata({}, false)).not.toHaveProperty('dpop_bound_access_tokens');
  });

  it('refuses it with push: pushed tokens have no proof to be bound to', async () => {
    await expectInvalid(
      { dpop_bound_access_tokens: true, backchannel_token_delivery_mode: 'push', backchannel_client_notification_endpoint: 'http://localhost:3000/cb' },
      'dpop_bound_access_tokens cannot be used with the push mode',
    );
    expect(
      await validateClientMetadata({ dpop_bound_access_tokens: false, backchannel_token_delivery_mode: 'push', backchannel_client_notification_endpoint: 'http://localhost:3000/cb' }, false),
    ).toMatchObject({ dpop_bound_access_tokens: false });
  });

  it('refuses a non-boolean', async () => {
    await expectInvalid({ dpop_bound_access_tokens: 'yes' }, 'dpop_bound_access_tokens is invalid: invalid input: expected boolean, received string');
  });
});
