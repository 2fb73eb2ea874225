import type { AssertionJtiRepository } from '../../src/client-auth/assertion-jti-repository.ts';

/** An in-memory `AssertionJtiRepository` with the same replace-only-when-expired rule as the SQL one. */
export function memoryAssertionJtis(): AssertionJtiRepository & { size(): number } {
  const rows = new Map<string, Date>();
  return {
    size: () => rows.size,
    async recordOnce(clientId, jti, expiresAt) {
      const key = `${clientId}\u0000${jti}`;
      const existing = rows.get(key);
      if (existing && existing.getTime() >= Date.now()) return false;
      rows.set(key, expiresAt);
      return true;
    },
    async pruneExpired(before) {
      let n = 0;
      for (const [key, exp] of rows) if (exp < before && rows.delete(key)) n++;
      return n;
    },
  };
}
