import { Redis } from 'ioredis';
import { CHANNEL_OFFERS_TOPIC_PREFIX, isChannelOffersTopic, TOPICS } from '@ciba/contracts';
import type { EventTap, TapReadOptions, TapStart } from './event-tap.ts';
import { streamKeys } from '../redis-streams/stream-keys.ts';
import { toStreamEntries } from '../redis-streams/stream-entry.ts';
import { compareStreamIds } from './compare-stream-ids.ts';

export interface RedisStreamsTapOptions {
  redisUrl: string;
  /** @defaultValue 'ciba' */
  namespace?: string;
  /** @defaultValue 8 */
  partitions?: number;
  clientId: string;
}

interface Cursor {
  stream: string;
  topic: string;
  partition: number;
  id: string;
  /** Last entry when the read started (reads without `follow` stop there). */
  end: string;
}

/**
 * A Redis Streams tap: `XREAD` on every partition stream of the topics, with no consumer group, so
 * the services' groups, their pending entries and their leases are untouched and nothing is left
 * behind. Each read has a blocking connection of its own.
 */
export class RedisStreamsTap implements EventTap {
  private readonly redis: Redis;
  private readonly namespace: string;
  private readonly partitions: number;
  private readonly readers = new Set<Redis>();
  private closed = false;

  constructor(private readonly options: RedisStreamsTapOptions) {
    this.namespace = options.namespace ?? 'ciba';
    this.partitions = options.partitions ?? 8;
    this.redis = new Redis(options.redisUrl, { maxRetriesPerRequest: 3, connectionName: `${options.clientId}:tap`, lazyConnect: true });
    // A lost connection reaches the caller through the command that fails; the event alone is not an error to print.
    this.redis.on('error', () => {});
  }

  async existingTopics(): Promise<string[]> {
    const offers = new Set<string>();
    const prefix = `${this.namespace}:${CHANNEL_OFFERS_TOPIC_PREFIX}`;
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const topic = key.slice(this.namespace.length + 1).replace(/:\d+$/, '');
        if (isChannelOffersTopic(topic)) offers.add(topic);
      }
    } while (cursor !== '0');
    return [...Object.values(TOPICS), ...[...offers].sort()];
  }

  async read(options: TapReadOptions): Promise<void> {
    const cursors = await this.cursors(options.topics, options.from);
    options.onReady?.();
    const reader = this.redis.duplicate({ connectionName: `${this.options.clientId}:tap-read` });
    reader.on('error', () => {});
    this.readers.add(reader);
    try {
      for (;;) {
        const open = options.follow ? cursors : cursors.filter((c) => compareStreamIds(c.id, c.end) < 0);
        if (this.closed || open.length === 0) return;
        const streams = [...open.map((c) => c.stream), ...open.map((c) => c.id)];
        // xread, not call('XREAD'): the server's reply is a map, which ioredis' raw call flattens
        const reply = options.follow ? await reader.xread('COUNT', 500, 'BLOCK', 1000, 'STREAMS', ...streams) : await reader.xread('COUNT', 500, 'STREAMS', ...streams);
        for (const [stream, raw] of reply ?? []) {
          const cursor = open.find((c) => c.stream === stream)!;
          for (const entry of toStreamEntries(raw)) {
            cursor.id = entry.id;
            if (!options.follow && compareStreamIds(entry.id, cursor.end) > 0) break;
            await options.onMessage({ topic: cursor.topic, partition: cursor.partition, position: entry.id, key: entry.fields?.key ?? '', value: entry.fields?.event ?? null });
          }
          if (!options.follow && compareStreamIds(cursor.id, cursor.end) >= 0) cursor.id = cursor.end;
        }
      }
    } catch (err) {
      if (!this.closed) throw err;
    } finally {
      this.readers.delete(reader);
      reader.disconnect();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const reader of this.readers) reader.disconnect();
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }

  /** Start and end of every partition stream: its last entry now (one pipelined round trip). */
  private async cursors(topics: readonly string[], from: TapStart): Promise<Cursor[]> {
    const cursors: Cursor[] = topics.flatMap((topic) =>
      Array.from({ length: this.partitions }, (_, partition) => ({ stream: streamKeys.stream(this.namespace, topic, partition), topic, partition, id: '0-0', end: '0-0' })),
    );
    const pipeline = this.redis.pipeline();
    for (const { stream } of cursors) pipeline.xrevrange(stream, '+', '-', 'COUNT', 1);
    const replies = (await pipeline.exec()) ?? [];
    cursors.forEach((cursor, i) => {
      const [err, last] = replies[i] ?? [];
      if (err) throw err;
      cursor.end = toStreamEntries(last)[0]?.id ?? '0-0';
      cursor.id = from === 'end' ? cursor.end : from === 'beginning' ? '0-0' : `${Math.max(0, from.sinceMs - 1)}-18446744073709551615`;
    });
    return cursors;
  }
}
