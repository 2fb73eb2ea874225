import type { PoolClient } from 'pg';
import type { PgPool } from '@ciba/service-kit';

/**
 * Runs `work` in one transaction on a connection of `pool`: committed when it resolves, rolled back
 * when it throws. A connection that fails while checked out (the database went away between two
 * statements) emits `error` on the client: it is caught here (the next statement rejects with it) and
 * the broken connection is discarded on release instead of going back to the pool.
 */
export async function inTransaction<T>(pool: PgPool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  const onError = (err: Error) => void (broken ??= err);
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackErr: unknown) => void (broken ??= rollbackErr as Error));
    throw err;
  } finally {
    client.off('error', onError);
    client.release(broken);
  }
}
