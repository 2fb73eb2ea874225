import * as jose from 'jose';
import { deliveryMode } from '@ciba/contracts/api/common';
import { InvalidClient } from '@ciba/contracts/oauth-errors';
import { topicSchemas } from '@ciba/contracts';
test('esm deps and subpath exports load', async () => {
  const { publicKey } = await jose.generateKeyPair('ES256');
  expect(publicKey).toBeDefined();
  expect(deliveryMode.parse('poll')).toBe('poll');
  expect(new InvalidClient().status).toBe(401);
  expect(Object.keys(topicSchemas).length).toBeGreaterThan(0);
});
