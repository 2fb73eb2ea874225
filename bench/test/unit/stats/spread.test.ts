import { spread } from '../../../src/stats/spread.ts';

describe('spread', () => {
  it('range and range relative to the median', () => {
    expect(spread([90, 100, 110])).toEqual({ min: 90, max: 110, relative: 0.2 });
  });

  it('a single round has no spread', () => {
    expect(spread([42])).toEqual({ min: 42, max: 42, relative: 0 });
  });

  it('NaN relative spread when the median is 0 or there are no values', () => {
    expect(spread([0, 0, 1]).relative).toBeNaN();
    expect(spread([])).toEqual({ min: NaN, max: NaN, relative: NaN });
  });
});
