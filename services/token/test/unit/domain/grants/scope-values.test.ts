import { scopeValues } from '../../../../src/domain/grants/scope-values.ts';

describe('scopeValues', () => {
  it('splits on spaces, drops empties and duplicates, keeps first order', () => {
    expect(scopeValues(' openid  email openid ')).toEqual(['openid', 'email']);
    expect(scopeValues(undefined)).toEqual([]);
    expect(scopeValues(null)).toEqual([]);
  });
});
