import { firstAcr } from '../../../../src/domain/tokens/first-acr.ts';

describe('firstAcr', () => {
  it('claims the most preferred requested acr, none when none was requested', () => {
    expect(firstAcr('urn:acr:high urn:acr:low')).toBe('urn:acr:high');
    expect(firstAcr(null)).toBeUndefined();
    expect(firstAcr('')).toBeUndefined();
  });
});
