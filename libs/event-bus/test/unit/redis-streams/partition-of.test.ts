import { partitionOf } from '../../../src/redis-streams/partition-of.ts';

describe('partitionOf', () => {
  test('is FNV-1a 32 of the UTF-8 key, stable across releases (a change would reorder keys in a rolling deploy)', () => {
    expect(partitionOf('a', 2 ** 32)).toBe(0xe40c292c);
    expect(partitionOf('foobar', 2 ** 32)).toBe(0xbf9cf968);
    expect(partitionOf('foobar', 8)).toBe(0xbf9cf968 % 8);
  });

  test('spreads keys over every partition', () => {
    const counts = new Array<number>(8).fill(0);
    for (let i = 0; i < 4000; i += 1) {
      const p = partitionOf(`request-${i}`, 8);
      counts[p] = (counts[p] ?? 0) + 1;
    }
    for (const count of counts) expect(count).toBeGreaterThan(350);
  });

  test('hashes UTF-8 bytes', () => {
    // FNV-1a over 0xc3 0xa9 ("é" in UTF-8).
    let hash = 0x811c9dc5;
    for (const byte of [0xc3, 0xa9]) hash = Math.imul(hash ^ byte, 0x01000193);
    expect(partitionOf('é', 2 ** 32)).toBe(hash >>> 0);
  });
});
