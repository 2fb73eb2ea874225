import { z } from 'zod';

/**
 * The envelope every event travels in, modelled on CloudEvents 1.0.
 * Events carry identifiers only: never tokens, secrets or personal data.
 * @see https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/spec.md
 */
export const envelopeBase = z.object({
  /** CloudEvents spec version. */
  specversion: z.literal('1.0'),
  /** Unique event id (UUID); consumers de-duplicate on it. */
  id: z.uuid(),
  /** `<context>.<entity>.<past-tense>.v<major>`. */
  type: z.string().regex(/^[a-z_]+(\.[a-z_]+)+\.v\d+$/),
  /** The producing service, e.g. `/services/auth-endpoint`. */
  source: z.string().min(1).max(200),
  /** When the fact happened (RFC 3339). */
  time: z.iso.datetime({ offset: true }),
  /** The aggregate the event is about; also the partition key (the auth request id). */
  subject: z.string().min(1).max(200),
  /** W3C trace context of the request that caused the event, when there was one. */
  traceparent: z.string().max(55).optional(),
});

/** Builds the envelope schema of one event type around its `data` schema. */
export function envelopeOf<T extends string, D extends z.ZodType>(type: T, data: D) {
  return envelopeBase.extend({ type: z.literal(type), data });
}

export type EnvelopeBase = z.infer<typeof envelopeBase>;
