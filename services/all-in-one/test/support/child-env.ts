/**
 * The environment of a child process a test starts: this process' own, without any Kafka setting it
 * may carry (a developer's `KAFKA_*`, jest's `TEST_KAFKA_BROKERS`: they would put the child on a
 * Kafka the test did not ask for), then `env`. A test that wants Kafka passes its variables itself.
 * Its metrics listener takes a free port (`METRICS_PORT=0`) unless `env` names one: the default 9464
 * would clash between the processes of one test and between tests running in parallel.
 */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const ambient = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KAFKA_') && name !== 'TEST_KAFKA_BROKERS'));
  return { ...ambient, METRICS_PORT: '0', ...env };
}
