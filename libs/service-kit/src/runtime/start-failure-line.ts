import { ConfigError } from '../config/load-config.ts';
import { MigrationChecksumError } from '../db/migrate.ts';
import { MigrationsPendingError } from '../db/migrations-pending-error.ts';

/** Errors an operator fixes from their message alone: printed as that one line, without a stack. */
const OPERATOR_ERRORS = [ConfigError, MigrationsPendingError, MigrationChecksumError];

/** The line a main prints to stderr before exiting 1 when it cannot start. */
export function startFailureLine(err: unknown): string {
  if (OPERATOR_ERRORS.some((type) => err instanceof type)) return (err as Error).message;
  return `failed to start: ${(err as Error)?.stack ?? err}`;
}
