import { InvalidClient } from '@ciba/contracts/oauth-errors';
import { isBasicAuthorization, parseBasicAuthorization } from '../../../src/client-auth/parse-basic-authorization.ts';

const basic = (raw: string) => `Basic ${Buffer.from(raw).toString('base64')}`;

describe('parseBasicAuthorization', () => {
  it('decodes id and secret', () => {
    expect(parseBasicAuthorization(basic('client:secret'))).toEqual({ clientId: 'client', clientSecret: 'secret' });
  });

  it('form-urlencoding decodes both parts (RFC 6749 §2.3.1)', () => {
    expect(parseBasicAuthorization(basic('my%3Aclient:s%2Bx+y%25'))).toEqual({ clientId: 'my:client', clientSecret: 's+x y%' });
  });

  it('keeps colons of the secret', () => {
    expect(parseBasicAuthorization(basic('c:a:b'))).toEqual({ clientId: 'c', clientSecret: 'a:b' });
  });

  it('accepts the scheme in any case', () => {
    expect(parseBasicAuthorization(`bAsIc ${Buffer.from('c:s').toString('base64')}`).clientId).toBe('c');
  });

  it.each([
    ['no colon', basic('client')],
    ['an empty client id', basic(':secret')],
    ['not base64', 'Basic ***'],
    ['bad percent-encoding', basic('c%zz:s')],
  ])('throws InvalidClient for %s', (_name, header) => {
    expect(() => parseBasicAuthorization(header)).toThrow(InvalidClient);
  });
});

describe('isBasicAuthorization', () => {
  it.each([
    ['Basic abc', true],
    ['basic abc', true],
    ['Bearer abc', false],
    [undefined, false],
  ])('%s → %s', (header, expected) => {
    expect(isBasicAuthorization(header)).toBe(expected);
  });
});
