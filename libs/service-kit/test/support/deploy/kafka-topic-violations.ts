import type { Manifest, SourcedManifest } from './manifest.ts';

/**
 * Strimzi KafkaTopics: one per topic in `topics`, none else; each with a cluster label, replicas above
 * min.insync.replicas (one broker may be down without blocking acks=all writes), retention.ms and
 * cleanup.policy set; and what a service gives a topic it creates itself (KAFKA_PARTITIONS,
 * KAFKA_REPLICATION_FACTOR) agrees with them, so whoever creates a topic first creates the same one.
 */
export function kafkaTopicViolations(set: SourcedManifest[], topics: readonly string[]): string[] {
  const out: string[] = [];
  const kafkaTopics = set.filter(({ doc }) => doc.kind === 'KafkaTopic').map(({ doc }) => doc);
  const config = set.find(({ doc }) => doc.kind === 'ConfigMap' && doc.metadata?.name === 'ciba-config')?.doc.data ?? {};
  const nameOf = (t: Manifest) => t.spec?.topicName ?? t.metadata?.name;
  for (const topic of topics) if (!kafkaTopics.some((t) => nameOf(t) === topic)) out.push(`no KafkaTopic for ${topic}`);
  for (const t of kafkaTopics) {
    const at = (problem: string) => out.push(`KafkaTopic ${t.metadata?.name}: ${problem}`);
    const c = t.spec?.config ?? {};
    if (!topics.includes(nameOf(t))) at(`${nameOf(t)} is no topic of ours`);
    if (!t.metadata?.labels?.['strimzi.io/cluster']) at('label strimzi.io/cluster missing');
    if (!(Number(c['min.insync.replicas']) >= 2 && t.spec?.replicas > Number(c['min.insync.replicas']))) at('needs min.insync.replicas >= 2 and more replicas than that');
    if (!(Number(c['retention.ms']) > 0)) at('retention.ms missing');
    if (!['delete', 'compact', 'delete,compact', 'compact,delete'].includes(c['cleanup.policy'])) at('cleanup.policy missing');
    if (config.KAFKA_PARTITIONS !== undefined && Number(config.KAFKA_PARTITIONS) !== t.spec?.partitions) at(`partitions ${t.spec?.partitions} differ from KAFKA_PARTITIONS ${config.KAFKA_PARTITIONS}`);
    if (config.KAFKA_REPLICATION_FACTOR !== undefined && Number(config.KAFKA_REPLICATION_FACTOR) !== t.spec?.replicas) at(`replicas ${t.spec?.replicas} differ from KAFKA_REPLICATION_FACTOR ${config.KAFKA_REPLICATION_FACTOR}`);
  }
  return out;
}
