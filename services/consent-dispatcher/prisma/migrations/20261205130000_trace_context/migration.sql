-- Tracing (docs/operations.md#tracing): the W3C trace context (`{"traceparent", "tracestate"}`) an
-- outbox row was written in; the relay publishes it as the message's headers. NULL with tracing off.
ALTER TABLE "outbox_events" ADD COLUMN "trace_context" JSONB;
-- consent_prompts: the trace of the auth request (W3C `traceparent`/`tracestate` of the consumer span that created the prompt): a device decision joins it.
ALTER TABLE "consent_prompts" ADD COLUMN "trace_context" JSONB;
