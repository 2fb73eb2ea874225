import { Redis } from 'ioredis';

/** `total_commands_processed` of a Redis server, to diff around a workload. */
export async function redisCommands(url: string): Promise<number> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const info = await redis.info('stats');
    return Number(/total_commands_processed:(\d+)/.exec(info)?.[1] ?? Number.NaN);
  } finally {
    redis.disconnect();
  }
}
