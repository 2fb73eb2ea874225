import { median } from '../../../src/stats/median.ts';

describe('median', () => {
  it('odd count: the middle value; even count: the mean of the two middle values', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
  });

  it('NaN for no values', () => {
    expect(median([])).toBeNaN();
  });
});
