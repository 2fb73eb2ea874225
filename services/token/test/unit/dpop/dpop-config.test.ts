import { ConfigError } from '@ciba/service-kit';
import { loadTokenConfig } from '../../../src/config.ts';

const admin = { ADMIN_TOKEN: 'a'.repeat(20) };
const production = { ...admin, NODE_ENV: 'production', ISSUER: 'https://op.example', SIGNING_KEY_ENCRYPTION_KEY: Buffer.alloc(32, 1).toString('base64url') };

describe('DPoP configuration (DPOP_*)', () => {
  it('requires nonces in production and not elsewhere by default; 300 s buckets and a 60 s iat window', () => {
    expect(loadTokenConfig(admin).dpop).toMatchObject({ requireNonce: false, nonceRotation: 300, proofWindow: 60 });
    expect(loadTokenConfig(production).dpop.requireNonce).toBe(true);
  });

  it('DPOP_REQUIRE_NONCE overrides the default either way', () => {
    expect(loadTokenConfig({ ...admin, DPOP_REQUIRE_NONCE: 'true' }).dpop.requireNonce).toBe(true);
    expect(loadTokenConfig({ ...production, DPOP_REQUIRE_NONCE: 'false' }).dpop.requireNonce).toBe(false);
  });

  it('derives the nonce key from ADMIN_TOKEN unless DPOP_NONCE_SECRET is set, so replicas agree', () => {
    const a = loadTokenConfig(admin).dpop.nonceSecret;
    expect(loadTokenConfig(admin).dpop.nonceSecret.equals(a)).toBe(true);
    expect(loadTokenConfig({ ...admin, ADMIN_TOKEN: 'b'.repeat(20) }).dpop.nonceSecret.equals(a)).toBe(false);
    expect(loadTokenConfig({ ...admin, DPOP_NONCE_SECRET: 'n'.repeat(32) }).dpop.nonceSecret.toString()).toBe('n'.repeat(32));
  });

  it.each([
    [{ DPOP_REQUIRE_NONCE: 'yes' }, 'DPOP_REQUIRE_NONCE'],
    [{ DPOP_NONCE_SECRET: 'short' }, 'DPOP_NONCE_SECRET'],
    [{ DPOP_PROOF_WINDOW: '1' }, 'DPOP_PROOF_WINDOW'],
    [{ DPOP_NONCE_ROTATION: '99999' }, 'DPOP_NONCE_ROTATION'],
  ])('refuses %o naming the variable', (env, name) => {
    expect(() => loadTokenConfig({ ...admin, ...env })).toThrow(ConfigError);
    expect(() => loadTokenConfig({ ...admin, ...env })).toThrow(name);
  });
});
