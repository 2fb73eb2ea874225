import { ratio } from '../../../src/stats/ratio.ts';

describe('ratio ours/peer', () => {
  it('divides', () => {
    expect(ratio(300, 200)).toBe(1.5);
  });

  it('NaN when a side is missing, not finite, or the peer is 0', () => {
    expect(ratio(undefined, 1)).toBeNaN();
    expect(ratio(1, undefined)).toBeNaN();
    expect(ratio(NaN, 1)).toBeNaN();
    expect(ratio(1, 0)).toBeNaN();
  });
});
