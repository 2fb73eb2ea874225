import type { Redis } from 'ioredis';
import type { TopicName } from '@ciba/contracts';
import type { TopicLag } from '../event-bus.ts';
import type { RedisStreamsSettings } from './redis-streams-bus-options.ts';
import { streamKeys } from './stream-keys.ts';

/**
 * Lag of `group` on each topic, summed over its partition streams: per stream, entries the group has
 * not read yet (XINFO GROUPS' `lag`; the stream's length where Redis cannot tell, or where the group
 * does not exist yet, as a new group starts at the stream's beginning) plus entries read but not
 * acknowledged (`pending`). One round trip for every stream of every topic.
 */
export async function streamLag(redis: Redis, { namespace, partitions }: RedisStreamsSettings, group: string, topics: readonly TopicName[]): Promise<TopicLag[]> {
  const pipeline = redis.pipeline();
  for (const topic of topics) {
    for (let partition = 0; partition < partitions; partition++) {
      const stream = streamKeys.stream(namespace, topic, partition);
      pipeline.xlen(stream);
      pipeline.call('XINFO', 'GROUPS', stream);
    }
  }
  const replies = (await pipeline.exec()) ?? [];
  return topics.map((topic, t) => {
    let lag = 0;
    for (let partition = 0; partition < partitions; partition++) {
      const at = (t * partitions + partition) * 2;
      const length = Number(replies[at]?.[1] ?? 0);
      const [err, groups] = replies[at + 1] ?? [];
      lag += err ? 0 : groupLag(groups as unknown[][], group, length);
    }
    return { topic, group, lag };
  });
}

function groupLag(groups: unknown[][], group: string, length: number): number {
  for (const fields of groups) {
    const info = new Map<string, unknown>();
    for (let i = 0; i + 1 < fields.length; i += 2) info.set(String(fields[i]), fields[i + 1]);
    if (info.get('name') !== group) continue;
    const unread = info.get('lag');
    return Number(info.get('pending') ?? 0) + (unread === null || unread === undefined ? length : Number(unread));
  }
  return length;
}
