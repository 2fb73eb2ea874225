const UNIQUE_VIOLATION = '23505';
const PRISMA_UNIQUE_CONSTRAINT = 'P2002';

/**
 * True when `err` (or its cause chain) is a unique-constraint violation: PostgreSQL `23505` from
 * `pg`, or Prisma `P2002`. Consumers insert `(group, event_id)` into `processed_events` in the same
 * transaction as their effect; this error means the event was already handled, so the redelivery
 * is acknowledged without repeating the effect.
 */
export function isDuplicateError(err: unknown): boolean {
  for (let current = err, depth = 0; current && typeof current === 'object' && depth < 8; depth += 1) {
    const { code, meta, cause } = current as { code?: unknown; meta?: unknown; cause?: unknown };
    if (code === UNIQUE_VIOLATION || code === PRISMA_UNIQUE_CONSTRAINT) return true;
    if (hasDriverUniqueViolation(meta)) return true;
    current = cause;
  }
  return false;
}

/** Prisma driver adapters report the database's own code under `meta.driverAdapterError`. */
function hasDriverUniqueViolation(meta: unknown): boolean {
  const adapterError = (meta as { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } } | undefined)
    ?.driverAdapterError;
  const cause = adapterError?.cause;
  return cause?.kind === 'UniqueConstraintViolation' || cause?.originalCode === UNIQUE_VIOLATION;
}
