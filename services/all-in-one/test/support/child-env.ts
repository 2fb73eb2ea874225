/**
 * The environment of a child process a test starts: this process' own, without any `KAFKA_*`
 * variable (an ambient KAFKA_BROKERS would put the child on a shared Kafka the test did not ask
 * for), then `env`. A test that wants Kafka passes its variables explicitly.
 */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const ambient = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('KAFKA_')));
  return { ...ambient, ...env };
}
