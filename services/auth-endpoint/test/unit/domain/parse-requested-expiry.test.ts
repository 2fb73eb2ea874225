import { parseRequestedExpiry } from '../../../src/domain/parse-requested-expiry.ts';

describe('parseRequestedExpiry', () => {
  it('accepts a decimal string or an integer number within the bounds', () => {
    expect(parseRequestedExpiry('120', 10, 3600)).toBe(120);
    expect(parseRequestedExpiry(120, 10, 3600)).toBe(120);
    expect(parseRequestedExpiry('10', 10, 3600)).toBe(10);
    expect(parseRequestedExpiry(3600, 10, 3600)).toBe(3600);
  });

  it.each(['', '-5', '+5', '1.5', '1e3', ' 60', '60 ', 'abc', '0x10', '0'])('refuses the string %j as not a positive integer', (value) => {
    expect(parseRequestedExpiry(value, 10, 3600)).toBe('not_positive_integer');
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the number %p as not a positive integer', (value) => {
    expect(parseRequestedExpiry(value, 10, 3600)).toBe('not_positive_integer');
  });

  it.each(['9', '3601', '99999999999999999999999', 5])('refuses %p as out of range', (value) => {
    expect(parseRequestedExpiry(value, 10, 3600)).toBe('out_of_range');
  });
});
