import type { KafkaAdminPort, KafkaOffset } from '../kafka/kafka-client.ts';
import type { TapStart } from './event-tap.ts';

/** Where each partition of `topics` starts for `from`, and each one's high watermark now (`<topic>:<partition>`). */
export async function startPositions(admin: KafkaAdminPort, topics: readonly string[], from: TapStart): Promise<{ start: KafkaOffset[]; ends: Map<string, bigint> }> {
  const start: KafkaOffset[] = [];
  const ends = new Map<string, bigint>();
  for (const topic of topics) {
    const offsets = await admin.topicOffsets(topic);
    const at = typeof from === 'object' ? new Map((await admin.offsetsAt(topic, from.sinceMs)).map((o) => [o.partition, o.offset])) : undefined;
    for (const { partition, low, high } of offsets) {
      ends.set(`${topic}:${partition}`, BigInt(high));
      start.push({ topic, partition, offset: at?.get(partition) ?? String(from === 'beginning' ? low : high) });
    }
  }
  return { start, ends };
}
