import { context } from '@opentelemetry/api';
import { contextOfHeaders } from './context-of-headers.ts';

/**
 * Runs `work` with the carried trace context active (a context stored with a record, outside any
 * request or consumer: a sweep), so the outbox records it makes continue that trace. No span is
 * started; nothing carried, or tracing off: `work` runs as it would.
 */
export function inCarriedContext<R>(headers: Readonly<Record<string, string>> | null | undefined, work: () => R): R {
  return headers ? context.with(contextOfHeaders(headers), work) : work();
}
