import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { checkFapiLifetime } from '../../../src/domain/fapi-request-object.ts';

const NOW = 1_800_000_000;

describe('checkFapiLifetime (FAPI 1.0 Advanced §5.2.2-13, -17)', () => {
  it('accepts exactly 60 minutes between nbf and exp, and nbf exactly 60 minutes old', () => {
    expect(() => checkFapiLifetime({ nbf: NOW, exp: NOW + 3600 }, NOW)).not.toThrow();
    expect(() => checkFapiLifetime({ nbf: NOW - 3600, exp: NOW }, NOW)).not.toThrow();
  });

  it('refuses exp more than 60 minutes after nbf', () => {
    expect(() => checkFapiLifetime({ nbf: NOW, exp: NOW + 3601 }, NOW)).toThrow(new InvalidRequest('request exp must be at most 60 minutes after nbf'));
  });

  it('refuses nbf more than 60 minutes in the past', () => {
    expect(() => checkFapiLifetime({ nbf: NOW - 3601, exp: NOW + 1 }, NOW)).toThrow(new InvalidRequest('request nbf must be at most 60 minutes in the past'));
  });
});
