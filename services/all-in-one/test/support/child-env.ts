/**
 * The environment of a child process a test starts: this process' own, without any Kafka setting it
 * may carry (a developer's `KAFKA_*`, jest's `TEST_KAFKA_BROKERS`: they would put the child on a
 * Kafka the test did not ask for), then `env`. A test that wants Kafka passes its variables itself.
 */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const ambient = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KAFKA_') && name !== 'TEST_KAFKA_BROKERS'));
  return { ...ambient, ...env };
}
