import { hasAudience } from '../../../src/domain/has-audience.ts';

describe('hasAudience', () => {
  it('matches a string or any member of an array', () => {
    expect(hasAudience('https://op', ['https://op'])).toBe(true);
    expect(hasAudience(['x', 'https://op/bc-authorize'], ['https://op', 'https://op/bc-authorize'])).toBe(true);
  });

  it('refuses other values and shapes', () => {
    expect(hasAudience('https://other', ['https://op'])).toBe(false);
    expect(hasAudience([1, null], ['https://op'])).toBe(false);
    expect(hasAudience(undefined, ['https://op'])).toBe(false);
  });
});
