import { formatTailJson, formatTailLine, tailLine } from '../../../src/format/tail-line.ts';
import type { LifecycleEvent } from '../../../src/lifecycle/lifecycle-event.ts';

const event: LifecycleEvent = {
  requestId: '0b6f4a7c-3b7e-4f0e-8d5c-2e9f6a1b3c4d',
  stage: 'offer_failed',
  type: 'ciba.channel_offer.failed.v1',
  topic: 'ciba.channel-outcomes',
  eventId: '6f1c1b7e-8a43-4b8e-9a55-0d1f7c3e2a10',
  timeMs: Date.parse('2026-11-22T10:00:01.250Z'),
  fields: { channel: 'push', reason: 'gone', status_code: 410 },
};

describe('tailLine', () => {
  it('times the event from its request, or leaves it untimed when the request start was not seen', () => {
    expect(tailLine(event, { firstSeenMs: 0, requestedAtMs: Date.parse('2026-11-22T10:00:00.000Z') }).elapsedMs).toBe(1250);
    expect(tailLine(event, { firstSeenMs: 0 }).elapsedMs).toBeUndefined();
  });
});

describe('formatTailLine', () => {
  it('prints time, request id, elapsed, stage and the fields as k=v', () => {
    expect(formatTailLine({ event, elapsedMs: 1250 })).toBe('2026-11-22T10:00:01.250Z 0b6f4a7c-3b7e-4f0e-8d5c-2e9f6a1b3c4d   +1.250s offer_failed    channel=push reason=gone status_code=410');
    expect(formatTailLine({ event })).toContain('       +? offer_failed');
  });

  it('quotes a value with spaces, quotes or equals signs', () => {
    expect(formatTailLine({ event: { ...event, fields: { a: 'x y', b: 'k=v' } } })).toMatch(/a="x y" b="k=v"$/);
  });
});

describe('formatTailJson', () => {
  it('prints one JSON object with the envelope identifiers and the allow-listed fields', () => {
    expect(JSON.parse(formatTailJson({ event, elapsedMs: 1250 }))).toStrictEqual({
      time: '2026-11-22T10:00:01.250Z',
      request_id: event.requestId,
      elapsed_ms: 1250,
      state: 'offer_failed',
      type: 'ciba.channel_offer.failed.v1',
      topic: 'ciba.channel-outcomes',
      event_id: event.eventId,
      channel: 'push',
      reason: 'gone',
      status_code: 410,
    });
  });
});
