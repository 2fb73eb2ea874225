import { retryDelay } from '../../../src/domain/retry-delay.ts';

const base = { baseMs: 1000, maxMs: 60_000, retryAfterMaxMs: 3_600_000 };

describe('retryDelay (exponential backoff, full jitter, Retry-After as the minimum)', () => {
  it('the ceiling doubles with each attempt: random() near 1 gives base·2^(n-1)', () => {
    const top = () => 0.999_999_9;
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelay({ ...base, attempt, random: top }))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('full jitter: random() 0 gives 0, 0.5 gives half the ceiling', () => {
    expect(retryDelay({ ...base, attempt: 3, random: () => 0 })).toBe(0);
    expect(retryDelay({ ...base, attempt: 3, random: () => 0.5 })).toBe(2000);
  });

  it('is capped at maxMs, also for huge attempt numbers', () => {
    expect(retryDelay({ ...base, attempt: 10, random: () => 0.999_999_9 })).toBe(60_000);
    expect(retryDelay({ ...base, attempt: 5000, random: () => 0.999_999_9 })).toBe(60_000);
  });

  it('spreads retries: 1000 draws with the real random cover the range [0, ceiling]', () => {
    const draws = Array.from({ length: 1000 }, () => retryDelay({ ...base, attempt: 4 }));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(8000);
    expect(new Set(draws).size).toBeGreaterThan(500);
    expect(draws.filter((d) => d < 4000).length).toBeGreaterThan(350);
    expect(draws.filter((d) => d >= 4000).length).toBeGreaterThan(350);
  });

  it('Retry-After is the minimum wait, whatever the jitter', () => {
    expect(retryDelay({ ...base, attempt: 1, retryAfterMs: 30_000, random: () => 0 })).toBe(30_000);
    expect(retryDelay({ ...base, attempt: 1, retryAfterMs: 30_000, random: () => 0.999 })).toBe(30_000);
  });

  it('a backoff longer than Retry-After wins', () => {
    expect(retryDelay({ ...base, attempt: 6, retryAfterMs: 1000, random: () => 0.999_999_9 })).toBe(32_000);
  });

  it('Retry-After is honoured up to retryAfterMaxMs', () => {
    expect(retryDelay({ ...base, retryAfterMaxMs: 10_000, attempt: 1, retryAfterMs: 86_400_000, random: () => 0 })).toBe(10_000);
  });
});
