import type { Redis } from 'ioredis';

/**
 * Creates the consumer group on each stream (and the stream itself) if missing. A new group starts
 * at id `0`: it sees everything still retained in the stream, including events published before
 * the group first subscribed, so a service deployed after its producers misses nothing.
 */
export async function ensureConsumerGroups(redis: Redis, streams: readonly string[], group: string): Promise<void> {
  await Promise.all(
    streams.map(async (stream) => {
      try {
        await redis.xgroup('CREATE', stream, group, '0', 'MKSTREAM');
      } catch (err) {
        if (!(err instanceof Error && err.message.startsWith('BUSYGROUP'))) throw err;
      }
    }),
  );
}
