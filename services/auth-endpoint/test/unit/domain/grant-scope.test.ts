import { grantScope } from '../../../src/domain/grant-scope.ts';

describe('grantScope', () => {
  it('keeps supported values in order and drops duplicates and unknown values', () => {
    expect(grantScope('openid  email unknown openid profile offline_access')).toEqual(['openid', 'email', 'profile', 'offline_access']);
  });

  it('drops values the client did not register but always keeps openid', () => {
    expect(grantScope('openid email phone', 'email')).toEqual(['openid', 'email']);
  });

  it('grants only openid when nothing else is supported', () => {
    expect(grantScope('openid admin:all')).toEqual(['openid']);
  });
});
