import type { Redis } from 'ioredis';
import type { OutgoingMessage } from '../event-bus.ts';
import { encodeMessage } from '../codec/encode-message.ts';
import { partitionOf } from './partition-of.ts';
import { streamKeys } from './stream-keys.ts';

export interface StreamTarget {
  namespace: string;
  partitions: number;
  maxLen: number;
}

/**
 * Validates every message first (a bad one rejects the batch before anything is written), then
 * appends them in order with one pipelined `XADD <ns>:<topic>:<hash(key) % P> MAXLEN ~ <cap>` each
 * (fields `key`, `event`, and `headers` as a JSON object when the message has any).
 * Resolves once Redis has acknowledged every entry.
 */
export async function publishToStreams(redis: Redis, target: StreamTarget, messages: readonly OutgoingMessage[]): Promise<void> {
  const encoded = messages.map(encodeMessage);
  if (encoded.length === 0) return;
  const pipeline = redis.pipeline();
  for (const { topic, key, value, headers } of encoded) {
    const stream = streamKeys.stream(target.namespace, topic, partitionOf(key, target.partitions));
    const carried = headers ? ['headers', JSON.stringify(headers)] : [];
    pipeline.xadd(stream, 'MAXLEN', '~', target.maxLen, '*', 'key', key, 'event', value, ...carried);
  }
  const results = (await pipeline.exec()) ?? [];
  const failure = results.find(([err]) => err);
  if (failure?.[0]) throw failure[0];
  if (results.length !== encoded.length) throw new Error('redis did not acknowledge every entry');
}
