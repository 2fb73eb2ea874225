import { Kafka, logLevel } from 'kafkajs';

/**
 * Deletes the consumer groups and topics under `prefix` (a stopped test system's), so runs against a
 * long-lived broker (a developer's `npm run kafka`) do not pile up topics.
 */
export async function dropKafkaPrefix(brokers: string[], prefix: string): Promise<void> {
  const admin = new Kafka({ clientId: 'e2e-cleanup', brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
  try {
    const groups = (await admin.listGroups()).groups.map((group) => group.groupId).filter((id) => id.startsWith(prefix));
    if (groups.length > 0) await admin.deleteGroups(groups);
    const topics = (await admin.listTopics()).filter((topic) => topic.startsWith(prefix));
    if (topics.length > 0) await admin.deleteTopics({ topics });
  } finally {
    await admin.disconnect();
  }
}
