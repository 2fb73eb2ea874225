/**
 * The environment of a child process the tests start: this one's, without the Kafka settings it may
 * carry (a developer's `KAFKA_BROKERS`, jest's `TEST_KAFKA_BROKERS`), plus `env`. A child runs over
 * Kafka only when the test passes `KAFKA_BROKERS` itself, so its bus is the one the test chose.
 */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const { KAFKA_BROKERS: _brokers, TEST_KAFKA_BROKERS: _testBrokers, KAFKA_SESSION_TIMEOUT_MS: _session, ...inherited } = process.env;
  return { ...inherited, ...env };
}
