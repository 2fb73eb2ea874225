/** A rotation asked for before the next key has been published long enough (see `SIGNING_KEY_NEXT_MIN_AGE`). */
export class KeyNotReadyError extends Error {
  override name = 'KeyNotReadyError';

  constructor(
    readonly alg: string,
    /** When the next key of `alg` may start signing without `force`. */
    readonly readyAt: Date,
  ) {
    super(`the next ${alg} key has been published since too recently; it may sign from ${readyAt.toISOString()} (or rotate with force)`);
  }
}
