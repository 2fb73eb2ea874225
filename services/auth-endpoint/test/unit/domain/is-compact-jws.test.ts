import { isCompactJws } from '../../../src/domain/is-compact-jws.ts';

describe('isCompactJws', () => {
  it('accepts three base64url parts', () => {
    expect(isCompactJws('eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln')).toBe(true);
  });

  it.each(['', 'a.b', 'a.b.', 'a..c', 'a.b.c.d', 'a.b.c d', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.'])('refuses %j', (value) => {
    expect(isCompactJws(value)).toBe(false);
  });
});
