import { createDpopNonces } from '../../../src/dpop/dpop-nonces.ts';

const secret = Buffer.from('s'.repeat(32));
const at = (seconds: number) => new Date(seconds * 1000);

describe('createDpopNonces', () => {
  const nonces = createDpopNonces(secret, 300);

  it('gives every replica with the key the same nonce in one bucket, another in the next', () => {
    expect(createDpopNonces(secret, 300).current(at(3000))).toBe(nonces.current(at(3299)));
    expect(nonces.current(at(3300))).not.toBe(nonces.current(at(3299)));
  });

  it('accepts the current and the previous bucket, not older ones', () => {
    const issued = nonces.current(at(3000));
    expect(nonces.accepts(issued, at(3000))).toBe(true);
    expect(nonces.accepts(issued, at(3599))).toBe(true);
    expect(nonces.accepts(issued, at(3600))).toBe(false);
  });

  it('refuses a nonce of another key, and garbage', () => {
    const other = createDpopNonces(Buffer.from('o'.repeat(32)), 300);
    expect(nonces.accepts(other.current(at(3000)), at(3000))).toBe(false);
    expect(nonces.accepts('', at(3000))).toBe(false);
    expect(nonces.accepts('x'.repeat(43), at(3000))).toBe(false);
  });
});
