import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** Finished spans of one trace, by name (several spans may share one: one per consumer group). */
export function spansOf(spans: readonly ReadableSpan[], traceId: string): ReadableSpan[] {
  return spans.filter((span) => span.spanContext().traceId === traceId);
}

/** The names in `expected` that no span of `traceId` has yet. */
export function missingNames(spans: readonly ReadableSpan[], traceId: string, expected: readonly string[]): string[] {
  const names = new Set(spansOf(spans, traceId).map((span) => span.name));
  return expected.filter((name) => !names.has(name));
}

/** Every span name and attribute value that contains one of `secrets` (empty when none does). */
export function leakedSecrets(spans: readonly ReadableSpan[], secrets: readonly string[]): string[] {
  const leaks: string[] = [];
  for (const span of spans) {
    const texts = [span.name, ...Object.entries(span.attributes).flatMap(([key, value]) => [key, String(value)]), span.status.message ?? ''];
    for (const text of texts) for (const secret of secrets) if (secret && text.includes(secret)) leaks.push(`${span.name}: ${text}`);
  }
  return leaks;
}
