-- Tracing (docs/operations.md#tracing): the W3C trace context (`{"traceparent", "tracestate"}`) an
-- outbox row was written in; the relay publishes it as the message's headers. NULL with tracing off.
ALTER TABLE "outbox_events" ADD COLUMN "trace_context" JSONB;
-- client_notifications: the trace of the auth request (the consumer span that recorded the decision): the callback attempts join it.
ALTER TABLE "client_notifications" ADD COLUMN "trace_context" JSONB;
