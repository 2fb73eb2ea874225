/**
 * The Kafka brokers the tests run against: what jest's global setup found or started
 * (`tools/jest/kafka-global-setup.js` sets `TEST_KAFKA_BROKERS`), else `KAFKA_BROKERS`. Empty when
 * there is none (no Java and Maven here); `requireKafka` then decides whether a suite may skip.
 */
export function kafkaBrokers(): string[] {
  const list = process.env['TEST_KAFKA_BROKERS'] || process.env['KAFKA_BROKERS'] || '';
  return list.split(',').map((broker) => broker.trim()).filter(Boolean);
}

/**
 * Whether the Kafka legs of a suite run. Without a broker they are skipped with one printed line,
 * except under CI (`CI=true`), where a missing broker is a failure: CI starts one (`.ci/run`).
 */
export function kafkaAvailable(suite: string): boolean {
  if (kafkaBrokers().length > 0) return true;
  if (process.env['CI'] === 'true') throw new Error(`${suite}: no Kafka broker under CI (.ci/run starts one with npm run kafka -- --detach)`);
  process.stdout.write(`${suite}: Kafka legs skipped: no Kafka broker (install Java 17 and Maven, run npm run kafka, or set KAFKA_BROKERS)\n`);
  return false;
}
