import { MAX_EVENT_BYTES, schemaOfTopic, type EventOf, type TopicName } from '@ciba/contracts';
import type { DeadLetterReason } from '../consumer/dead-letter-event.ts';

/** How many characters of a rejected message travel in its dead-letter event. */
export const EXCERPT_CHARS = 1024;

export type Decoded<T extends TopicName> =
  | { ok: true; event: EventOf<T> }
  | { ok: false; reason: DeadLetterReason; detail: string; excerpt: string; originalId?: string };

/**
 * Consumer-side check of one raw message: present, at most `MAX_EVENT_BYTES`, JSON, and on its
 * topic's contract. A rejection carries a truncated excerpt for the dead-letter event; the detail
 * names paths and issue codes only, never values.
 */
export function decodeMessage<T extends TopicName>(topic: T, raw: string | Buffer | null | undefined): Decoded<T> {
  if (raw === null || raw === undefined) return { ok: false, reason: 'unparseable', detail: 'message has no value', excerpt: '' };
  const text = typeof raw === 'string' ? raw : raw.toString('utf8');
  const excerpt = text.slice(0, EXCERPT_CHARS);
  const bytes = typeof raw === 'string' ? Buffer.byteLength(raw) : raw.length;
  if (bytes > MAX_EVENT_BYTES) return { ok: false, reason: 'too_large', detail: `${bytes} bytes exceeds ${MAX_EVENT_BYTES}`, excerpt };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'unparseable', detail: 'value is not JSON', excerpt };
  }
  const result = schemaOfTopic(topic).safeParse(json);
  if (result.success) return { ok: true, event: result.data as EventOf<T> };
  const detail = result.error.issues
    .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.code}`)
    .join('; ')
    .slice(0, 2000);
  return { ok: false, reason: 'contract_violation', detail, excerpt, ...originalIdOf(json) };
}

function originalIdOf(json: unknown): { originalId?: string } {
  const id = typeof json === 'object' && json !== null ? (json as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id.length > 0 ? { originalId: id.slice(0, 200) } : {};
}
