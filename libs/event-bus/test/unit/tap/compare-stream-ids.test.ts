import { compareStreamIds } from '../../../src/tap/compare-stream-ids.ts';

describe('compareStreamIds', () => {
  it('orders by time, then sequence, as numbers', () => {
    expect(compareStreamIds('1-0', '1-0')).toBe(0);
    expect(compareStreamIds('9-0', '10-0')).toBe(-1);
    expect(compareStreamIds('10-2', '10-10')).toBe(-1);
    expect(compareStreamIds('1796472447356-0', '1796472447355-18446744073709551615')).toBe(1);
  });
});
