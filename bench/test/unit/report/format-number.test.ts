import { formatNumber, formatPercent } from '../../../src/report/format-number.ts';

describe('formatNumber', () => {
  it.each([
    [1234.56, 1, '1235'],
    [12.345, 2, '12.3'],
    [1.2345, 2, '1.23'],
    [0.5, 1, '0.5'],
    [NaN, 1, '–'],
    [undefined, 1, '–'],
    [Infinity, 1, '–'],
  ])('%p with %p digits → %p', (value, digits, text) => {
    expect(formatNumber(value, digits)).toBe(text);
  });
});

describe('formatPercent', () => {
  it('shows half the relative range as ±%', () => {
    expect(formatPercent(0.2)).toBe('±10%');
    expect(formatPercent(NaN)).toBe('–');
  });
});
