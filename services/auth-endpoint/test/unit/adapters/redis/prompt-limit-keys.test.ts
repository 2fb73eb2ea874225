import { promptLimitKeys } from '../../../../src/adapters/redis/prompt-limit-keys.ts';

describe('promptLimitKeys', () => {
  const keys = promptLimitKeys('ns', 'secret-of-the-replicas-0123456789');

  it('names the keys under <namespace>:auth-endpoint:prompts: with no sub or client id in clear', () => {
    const k = keys('rp-client', 'alice@example.com');
    for (const key of Object.values(k)) {
      expect(key).toMatch(/^ns:auth-endpoint:prompts:(pending:[A-Za-z0-9_-]{43}\.|user:|client:)[A-Za-z0-9_-]{43}$/);
      expect(key).not.toContain('alice');
      expect(key).not.toContain('rp-client');
    }
  });

  it('the user key depends on the sub only, the client key on the client only, the pending mark on both', () => {
    const a = keys('rp1', 'alice');
    const b = keys('rp2', 'alice');
    const c = keys('rp1', 'bob');
    expect(a.user).toBe(b.user);
    expect(a.client).toBe(c.client);
    expect(new Set([a.pending, b.pending, c.pending]).size).toBe(3);
    expect(new Set([a.user, c.user]).size).toBe(2);
  });

  it('depends on the secret: a guess of a sub cannot be checked without it', () => {
    expect(promptLimitKeys('ns', 'another-secret-0123456789abcdef')('rp1', 'alice').user).not.toBe(keys('rp1', 'alice').user);
  });

  it('keeps the parts apart: ("a:b", "c") and ("a", "b:c") are different marks', () => {
    expect(keys('a:b', 'c').pending).not.toBe(keys('a', 'b:c').pending);
  });

  it('a client and a user of the same name get different MACs', () => {
    const k = keys('same', 'same');
    expect(k.user.split(':').pop()).not.toBe(k.client.split(':').pop());
  });
});
