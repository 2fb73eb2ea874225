/**
 * What a span's error status says of `err`: its class name only. Messages can quote input (a
 * driver's error quoting a value), so they stay in the logs, which redact, not in traces.
 */
export function errorName(err: unknown): string {
  return err instanceof Error ? err.name : 'Error';
}
