import { randomBytes } from 'node:crypto';
import { CompactEncrypt, compactDecrypt } from 'jose';
import { decryptDirA256Gcm, encryptDirA256Gcm } from '../../src/dir-a256gcm.ts';

const key = new Uint8Array(randomBytes(32));
const plain = new TextEncoder().encode('{"offer":"contents"}');
const b64u = (text: string) => Buffer.from(text).toString('base64url');

describe('compact JWE, dir + A256GCM', () => {
  it('is read by jose, and reads what jose writes', async () => {
    const ours = encryptDirA256Gcm(plain, key, { alg: 'dir', enc: 'A256GCM', cty: 'x+json' });
    const opened = await compactDecrypt(ours, key);
    expect(new TextDecoder().decode(opened.plaintext)).toBe('{"offer":"contents"}');
    expect(opened.protectedHeader).toEqual({ alg: 'dir', enc: 'A256GCM', cty: 'x+json' });

    const theirs = await new CompactEncrypt(plain).setProtectedHeader({ alg: 'dir', enc: 'A256GCM', cty: 'x+json' }).encrypt(key);
    expect(decryptDirA256Gcm(theirs, key)).toEqual({ plaintext: plain, header: { alg: 'dir', enc: 'A256GCM', cty: 'x+json' } });
  });

  it('uses a fresh IV each time', () => {
    const ivs = new Set(Array.from({ length: 50 }, () => encryptDirA256Gcm(plain, key, { alg: 'dir', enc: 'A256GCM' }).split('.')[2]));
    expect(ivs.size).toBe(50);
  });

  it('refuses another key, any flipped part, and anything but its one header shape', async () => {
    const jwe = encryptDirA256Gcm(plain, key, { alg: 'dir', enc: 'A256GCM' });
    const [header, , iv, ciphertext, tag] = jwe.split('.') as [string, string, string, string, string];
    const flip = (part: string) => `${part.slice(0, -2)}${part.at(-2) === 'A' ? 'B' : 'A'}${part.at(-1)}`;
    expect(() => decryptDirA256Gcm(jwe, new Uint8Array(randomBytes(32)))).toThrow();
    expect(() => decryptDirA256Gcm([header, '', iv, flip(ciphertext), tag].join('.'), key)).toThrow();
    expect(() => decryptDirA256Gcm([header, '', iv, ciphertext, flip(tag)].join('.'), key)).toThrow();
    expect(() => decryptDirA256Gcm([header, '', flip(iv), ciphertext, tag].join('.'), key)).toThrow();
    expect(() => decryptDirA256Gcm([header, 'AAAA', iv, ciphertext, tag].join('.'), key)).toThrow('dir carries no encrypted key');
    expect(() => decryptDirA256Gcm([header, '', iv, ciphertext].join('.'), key)).toThrow('not a compact JWE');
    expect(() => decryptDirA256Gcm([header, '', iv, ciphertext, tag.slice(0, 10)].join('.'), key)).toThrow('bad IV or tag length');
    // a header that is not exactly ours, even with a valid tag over it, is refused before decryption
    for (const other of [{ alg: 'A256KW', enc: 'A256GCM' }, { alg: 'dir', enc: 'A128GCM' }, { alg: 'dir', enc: 'A256GCM', zip: 'DEF' }, { alg: 'dir', enc: 'A256GCM', crit: ['x'], x: 1 }, { alg: 'dir', enc: 'A256GCM', cty: 7 }]) {
      expect(() => decryptDirA256Gcm([b64u(JSON.stringify(other)), '', iv, ciphertext, tag].join('.'), key)).toThrow('unexpected protected header');
    }
    expect(() => decryptDirA256Gcm([b64u('[1]'), '', iv, ciphertext, tag].join('.'), key)).toThrow('bad protected header');
    expect(() => encryptDirA256Gcm(plain, new Uint8Array(16), { alg: 'dir', enc: 'A256GCM' })).toThrow('256-bit key');
  });
});
