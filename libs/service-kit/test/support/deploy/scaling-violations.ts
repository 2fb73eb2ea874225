import type { Manifest, SourcedManifest } from './manifest.ts';

/** What a Deployment consumes: its consumer groups and their topics, as the services subscribe. */
export type Subscriptions = Record<string, { group: string; topic: string }[]>;

/** Redis Streams partition streams per topic (the bus' default), `<namespace>:<topic>:<p>`. */
const REDIS_PARTITIONS = 8;

/**
 * Autoscaling: no Deployment is the target of two autoscalers (a KEDA ScaledObject makes its own HPA),
 * every target exists, every consumer Deployment has a ScaledObject with a trigger per group and topic
 * (Kafka: allowIdleConsumers false, the ConfigMap's brokers, a KafkaTopic with at least maxReplicaCount
 * partitions; Redis Streams: pendingEntriesCount on each partition stream of the topic), and no
 * ScaledObject scales to zero or beyond the partitions of what it consumes.
 */
export function scalingViolations(set: SourcedManifest[], subscriptions: Subscriptions, redisNamespace = 'ciba'): string[] {
  const out: string[] = [];
  const docs = set.map(({ doc }) => doc);
  const deployments = new Set(docs.filter((d) => d.kind === 'Deployment').map((d) => d.metadata?.name));
  const brokers = docs.find((d) => d.kind === 'ConfigMap' && d.metadata?.name === 'ciba-config')?.data?.KAFKA_BROKERS;
  const partitionsOf = (topic: string) => docs.find((d) => d.kind === 'KafkaTopic' && (d.spec?.topicName ?? d.metadata?.name) === topic)?.spec?.partitions as number | undefined;
  const targets = new Map<string, string[]>();
  for (const d of docs) {
    const target = d.kind === 'ScaledObject' || d.kind === 'HorizontalPodAutoscaler' ? d.spec?.scaleTargetRef?.name : undefined;
    if (target) targets.set(target, [...(targets.get(target) ?? []), `${d.kind} ${d.metadata?.name}`]);
  }
  for (const [target, by] of targets) {
    if (by.length > 1) out.push(`Deployment ${target} is scaled by ${by.join(' and ')}`);
    if (!deployments.has(target)) out.push(`${by.join(', ')} targets Deployment ${target}, which does not exist`);
  }
  const scaled = docs.filter((d) => d.kind === 'ScaledObject');
  for (const so of scaled) {
    const at = (problem: string) => out.push(`ScaledObject ${so.metadata?.name}: ${problem}`);
    const triggers: Manifest[] = so.spec?.triggers ?? [];
    if (!(so.spec?.minReplicaCount >= 1)) at('minReplicaCount must be at least 1 (consumers never scale to zero)');
    for (const t of triggers.filter((t) => t.type === 'kafka')) {
      const m = t.metadata ?? {};
      if (m.allowIdleConsumers !== 'false') at(`kafka trigger ${m.topic}: allowIdleConsumers must be "false"`);
      if (m.bootstrapServers !== brokers) at(`kafka trigger ${m.topic}: bootstrapServers ${m.bootstrapServers} is not KAFKA_BROKERS (${brokers})`);
      const partitions = partitionsOf(m.topic);
      if (partitions === undefined) at(`kafka trigger ${m.topic}: no KafkaTopic`);
      else if (!(so.spec?.maxReplicaCount <= partitions)) at(`maxReplicaCount ${so.spec?.maxReplicaCount} exceeds the ${partitions} partitions of ${m.topic}`);
    }
    for (const t of triggers.filter((t) => t.type === 'redis-streams')) {
      if (!(Number(t.metadata?.pendingEntriesCount) > 0)) at(`redis-streams trigger ${t.metadata?.stream}: pendingEntriesCount missing`);
      if (!(so.spec?.maxReplicaCount <= REDIS_PARTITIONS)) at(`maxReplicaCount ${so.spec?.maxReplicaCount} exceeds the ${REDIS_PARTITIONS} partition streams`);
    }
  }
  for (const [deployment, subs] of Object.entries(subscriptions)) {
    const so = scaled.find((d) => d.spec?.scaleTargetRef?.name === deployment);
    if (!so) { out.push(`Deployment ${deployment} consumes events but no ScaledObject scales it`); continue; }
    const triggers: Manifest[] = so.spec?.triggers ?? [];
    const kafka = triggers.some((t) => t.type === 'kafka');
    for (const { group, topic } of subs) {
      const missing = kafka
        ? !triggers.some((t) => t.type === 'kafka' && t.metadata?.consumerGroup === group && t.metadata?.topic === topic)
        : Array.from({ length: REDIS_PARTITIONS }, (_, p) => `${redisNamespace}:${topic}:${p}`).some((stream) => !triggers.some((t) => t.type === 'redis-streams' && t.metadata?.consumerGroup === group && t.metadata?.stream === stream));
      if (missing) out.push(`ScaledObject ${so.metadata?.name}: no trigger for group ${group} on ${topic}${kafka ? '' : ' (every partition stream)'}`);
    }
  }
  return out;
}
