import * as events from '@ciba/contracts/events/index';
import { describeEvent } from '../../../src/lifecycle/describe-event.ts';
import { formatTailJson, formatTailLine, tailLine } from '../../../src/format/tail-line.ts';
import { PLANTED, sampleEvents } from '../../support/sample-events.ts';

describe('describeEvent', () => {
  const described = sampleEvents().map(({ topic, event }) => describeEvent(topic, event));

  it('covers every event type of the contracts', () => {
    const types = Object.entries(events).filter(([name, value]) => /_V\d+$/.test(name) && typeof value === 'string').map(([, value]) => value);
    expect(described.map((d) => d.type).sort()).toEqual([...types].sort());
  });

  it('names the stage and copies only the allow-listed fields of each type', () => {
    expect(described.map((d) => [d.stage, Object.keys(d.fields)])).toEqual([
      ['requested', ['client_id', 'delivery_mode', 'expires_in']],
      ['prompted', ['channel', 'channel_index', 'round', 'offer_id']],
      ['offer_delivered', ['channel', 'channel_index', 'round', 'status_code', 'latency_ms']],
      ['offer_failed', ['channel', 'channel_index', 'round', 'reason', 'status_code']],
      ['offer_timed_out', ['channel', 'channel_index', 'round']],
      ['delivered', ['channel_type', 'channel_index', 'attempts']],
      ['undeliverable', ['channels_tried']],
      ['approved', ['client_id']],
      ['denied', ['client_id']],
      ['expired', ['client_id']],
      ['notified', ['client_id', 'mode', 'outcome', 'attempts', 'last_status', 'latency_ms']],
      ['notify_failed', ['client_id', 'mode', 'outcome', 'attempts', 'last_status', 'reason']],
      ['redeemed', ['client_id', 'refresh_token_issued']],
      ['dead_lettered', ['topic', 'group', 'reason', 'attempts', 'original_id']],
      ['admin_changed', ['action', 'actor']],
    ]);
    expect(described[0]).toMatchObject({ requestId: sampleEvents()[0]!.event.subject, clientId: 'c1', sub: PLANTED.sub, requestedAtMs: Date.parse('2026-11-22T10:00:00.000Z'), fields: { expires_in: 600 } });
  });

  it('keys every line by the internal request id (the subject) and prints none of the planted values', () => {
    const printed = described.flatMap((d) => [formatTailLine(tailLine(d, { firstSeenMs: 0 })), formatTailJson(tailLine(d, { firstSeenMs: 0, requestedAtMs: 0 }))]).join('\n');
    for (const value of Object.values(PLANTED)) expect(printed).not.toContain(value);
    expect(printed).not.toContain('dt-planted');
    // An operator change is shown under its correlation id, never under its target (a sub).
    expect(new Set(described.map((d) => d.requestId))).toEqual(new Set([sampleEvents()[0]!.event.subject, 'admin:ticket-7']));
  });

  it('names a refresh grant refreshed, not redeemed', () => {
    const issued = sampleEvents().find((s) => s.event.type === events.TOKENS_ISSUED_V1)!;
    const refresh = { ...issued.event, data: { ...issued.event.data, grant_type: 'refresh_token' } } as typeof issued.event;
    expect(describeEvent(issued.topic, refresh).stage).toBe('refreshed');
  });
});
