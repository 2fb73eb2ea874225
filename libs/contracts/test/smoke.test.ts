import * as jose from 'jose';
import * as oauth from 'oauth4webapi';
test('esm deps load', async () => {
  const { publicKey } = await jose.generateKeyPair('ES256');
  expect(publicKey).toBeDefined();
  expect(typeof oauth.discoveryRequest).toBe('function');
});
