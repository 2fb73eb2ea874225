import { randomBytes } from 'node:crypto';
import { clientSecretCipher } from '../../../src/client-auth/client-secret-cipher.ts';

describe('clientSecretCipher (client_secret_jwt secrets at rest)', () => {
  const cipher = clientSecretCipher(randomBytes(32));

  it('opens what it sealed, for the same client only', () => {
    const sealed = cipher.seal('rp-1', 'the-secret');
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{22}$/);
    expect(sealed).not.toContain('the-secret');
    expect(cipher.open('rp-1', sealed)).toBe('the-secret');
    expect(cipher.open('rp-2', sealed)).toBeNull();
  });

  it('seals the same secret differently each time (random IV)', () => {
    expect(cipher.seal('rp-1', 's')).not.toBe(cipher.seal('rp-1', 's'));
  });

  it('opens nothing under another key, tampered, or malformed', () => {
    const sealed = cipher.seal('rp-1', 'the-secret');
    expect(clientSecretCipher(randomBytes(32)).open('rp-1', sealed)).toBeNull();
    const [v, iv, ct, tag] = sealed.split('.');
    const flipped = Buffer.from(ct!, 'base64url');
    flipped[0]! ^= 1;
    expect(cipher.open('rp-1', [v, iv, flipped.toString('base64url'), tag].join('.'))).toBeNull();
    expect(cipher.open('rp-1', 'v2.a.b.c')).toBeNull();
    expect(cipher.open('rp-1', 'garbage')).toBeNull();
  });
});
