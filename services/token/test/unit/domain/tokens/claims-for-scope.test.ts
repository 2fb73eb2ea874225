import { claimsForScope } from '../../../../src/domain/tokens/claims-for-scope.ts';

const claims = {
  sub: 'spoofed',
  name: 'Alice',
  locale: 'en',
  email: 'alice@example.com',
  email_verified: true,
  phone_number: '+15550100',
  phone_number_verified: false,
  address: { country: 'GB' },
  groups: ['admins'],
};

describe('claimsForScope', () => {
  it('releases only sub for openid alone', () => {
    expect(claimsForScope('alice', claims, 'openid')).toEqual({ sub: 'alice' });
  });

  it('releases the standard claims of each scope value and never a non-standard one', () => {
    expect(claimsForScope('alice', claims, 'openid profile email phone address groups')).toEqual({
      sub: 'alice',
      name: 'Alice',
      locale: 'en',
      email: 'alice@example.com',
      email_verified: true,
      phone_number: '+15550100',
      phone_number_verified: false,
      address: { country: 'GB' },
    });
  });

  it('ignores scope values that name object properties', () => {
    expect(claimsForScope('alice', claims, 'openid constructor toString __proto__')).toEqual({ sub: 'alice' });
  });
});
