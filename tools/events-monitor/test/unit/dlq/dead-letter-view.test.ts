import { EVENT_DEAD_LETTERED_V1, TOPICS, type EventDeadLetteredV1 } from '@ciba/contracts';
import { deadLetterEvent } from '@ciba/event-bus';
import { deadLetterView } from '../../../src/dlq/dead-letter-view.ts';
import { replayPlan } from '../../../src/dlq/replay-plan.ts';
import { sampleEvents } from '../../support/sample-events.ts';

const created = sampleEvents()[0]!.event;
const letter = (fields: Partial<Parameters<typeof deadLetterEvent>[0]>): EventDeadLetteredV1 =>
  deadLetterEvent({ topic: TOPICS.authRequests, group: 'token.ciba-grants', key: created.subject, reason: 'handler_failed', detail: 'Error: boom at postgres://u:secret@db', originalId: created.id, excerpt: JSON.stringify(created), attempts: 5, ...fields }, '/services/token');

describe('replayPlan', () => {
  it('rebuilds the original (same id, its topic and key) when it validates', () => {
    expect(replayPlan(letter({}))).toEqual({ ok: true, message: { topic: TOPICS.authRequests, key: created.subject, event: created } });
  });

  it.each([
    ['still off its contract', { excerpt: JSON.stringify({ ...created, data: { client_secret: 'x' } }), reason: 'contract_violation' as const }, /^still off its contract \(data\.request_id: invalid_type/],
    ['cut at 1 KiB', { excerpt: JSON.stringify(created).slice(0, 100) }, /^the kept excerpt is not a whole JSON message/],
    ['empty', { excerpt: '' }, /^the dead letter holds no message$/],
    ['not our topic', { topic: 'someone.else' }, /^someone\.else is not a topic of ours$/],
    ['a dead letter of dead letters', { topic: TOPICS.deadLetters }, /^a dead letter of the dead-letter topic is not replayed$/],
  ])('refuses a message %s', (_, fields, refusal) => {
    const plan = replayPlan(letter(fields));
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.refusal).toMatch(refusal);
  });
});

describe('deadLetterView', () => {
  it('shows identifiers, reason and replayability; a handler error only by its class; never the excerpt', () => {
    const dl = letter({});
    const view = deadLetterView(dl);
    expect(view).toStrictEqual({ id: dl.id, time: dl.time, reason: 'handler_failed', topic: TOPICS.authRequests, group: 'token.ciba-grants', key: created.subject, original_id: created.id, attempts: 5, detail: 'Error', replayable: true });
    expect(JSON.stringify(view)).not.toContain('secret');
  });

  it('keeps a decoder\'s detail (paths and codes) and the retry-budget note', () => {
    expect(deadLetterView(letter({ reason: 'contract_violation', detail: 'data.sub: invalid_type' })).detail).toBe('data.sub: invalid_type');
    expect(deadLetterView(letter({ detail: 'delivered 6 times, more than the 5 allowed' })).detail).toBe('delivered 6 times, more than the 5 allowed');
    expect(deadLetterView(letter({ detail: 'something: else' })).detail).toBe('handler failed');
    expect(dlType()).toBe(EVENT_DEAD_LETTERED_V1);
  });
});

const dlType = () => letter({}).type;
