import { perPool, type PgPool } from '@ciba/service-kit';

describe('perPool', () => {
  it('makes one value per pool, on first ask, and hands the same one out after', () => {
    const made: object[] = [];
    const of = perPool(() => {
      const value = { n: made.length };
      made.push(value);
      return value;
    });
    const [a, b] = [{} as PgPool, {} as PgPool];
    expect(made).toEqual([]);
    const first = of(a);
    expect(of(a)).toBe(first);
    expect(of(b)).not.toBe(first);
    expect(of(b)).toBe(of(b));
    expect(made).toHaveLength(2);
  });
});
