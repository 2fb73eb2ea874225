import { randomBytes } from 'node:crypto';
import { TOPICS, type EventDeadLetteredV1, type EventOf, type TopicName } from '@ciba/contracts';
import type { EventBus, MessageMeta } from '../../src/event-bus.ts';
import { context, trace } from '@opentelemetry/api';
import { memoryTracing } from '../support/memory-tracing.ts';
import { sampleTokenEvent, seqOf } from '../support/sample-token-event.ts';
import { sleep, waitFor } from '../support/wait-for.ts';

type TokenEvent = EventOf<typeof TOPICS.tokens>;

/** A fresh, isolated corner of a broker (its own namespace or topic prefix) for one test. */
export interface BusScope {
  /** One more bus instance, as a separate process would have. */
  createBus(clientId: string): Promise<EventBus>;
  /** Writes raw bytes to a topic, bypassing the producer-side checks. */
  publishRaw(topic: TopicName, key: string, value: string): Promise<void>;
  /** Makes `bus` stop as a crashed process would, without acknowledging what it holds. */
  crash(bus: EventBus): Promise<void>;
  close(): Promise<void>;
}

export interface BusHarness {
  newScope(): Promise<BusScope>;
  /** Whether `meta.attempt` of a redelivery after a crash exceeds 1 (Redis records deliveries; Kafka does not). */
  countsRedeliveries: boolean;
  /** Time for a new group member to get its share of partitions. */
  settleMs: number;
  /** Longest wait for an expected delivery. */
  timeoutMs: number;
}

/** The behaviour every `EventBus` adapter promises (see `EventBus` in src/event-bus.ts). */
export function eventBusContract(getHarness: () => BusHarness): void {
  let scope: BusScope;
  let buses: EventBus[];
  const bus = async (clientId: string) => {
    const created = await scope.createBus(clientId);
    buses.push(created);
    return created;
  };
  const group = () => `test.${randomBytes(4).toString('hex')}`;
  const publishSeqs = (target: EventBus, key: string, seqs: number[]) =>
    target.publish(seqs.map((seq) => ({ topic: TOPICS.tokens, key, event: sampleTokenEvent(key, seq) })));
  const collectDeadLetters = async (target: EventBus, ofGroup: string) => {
    const dead: EventDeadLetteredV1[] = [];
    await target.subscribe({
      group: `${ofGroup}.dlq`,
      topics: [TOPICS.deadLetters],
      handler: async (event) => {
        if (event.data.group === ofGroup) dead.push(event);
      },
    });
    return dead;
  };

  beforeEach(async () => {
    scope = await getHarness().newScope();
    buses = [];
  });

  afterEach(async () => {
    await Promise.all(buses.map((created) => created.close()));
    await scope.close();
  });

  test('publish() delivers the event with its meta; off-contract or oversized events are rejected when published', async () => {
    const { timeoutMs } = getHarness();
    const b = await bus('round-trip');
    const got: Array<{ event: TokenEvent; meta: MessageMeta }> = [];
    await b.subscribe({ group: group(), topics: [TOPICS.tokens], handler: async (event, meta) => void got.push({ event, meta }) });
    const event = sampleTokenEvent('req-1', 1);
    await b.publish([{ topic: TOPICS.tokens, key: 'req-1', event }]);
    await waitFor('the delivery', () => got.length === 1, timeoutMs);
    expect(got[0]?.event).toEqual(event);
    expect(got[0]?.meta).toMatchObject({ topic: TOPICS.tokens, key: 'req-1', attempt: 1 });
    expect(Number.isInteger(got[0]?.meta.partition)).toBe(true);
    expect(typeof got[0]?.meta.position).toBe('string');

    const offContract = { ...event, data: { ...event.data, client_id: '' } } as TokenEvent;
    const oversized = { ...event, data: { ...event.data, client_id: 'x'.repeat(70_000) } } as TokenEvent;
    const wrongTopic = { topic: TOPICS.authRequests, key: 'req-1', event } as never;
    await expect(b.publish([{ topic: TOPICS.tokens, key: 'req-1', event: offContract }])).rejects.toThrow();
    await expect(b.publish([{ topic: TOPICS.tokens, key: 'req-1', event: oversized }])).rejects.toThrow();
    await expect(b.publish([wrongTopic])).rejects.toThrow();
    await expect(b.publish([{ topic: TOPICS.tokens, key: '', event }])).rejects.toThrow('key');
    await sleep(300);
    expect(got).toHaveLength(1);
  });

  test("headers travel with the message: explicit ones as given, else the publisher's active trace context; none when there is none", async () => {
    const { timeoutMs } = getHarness();
    const b = await bus('headers');
    const got = new Map<string, MessageMeta>();
    await b.subscribe({ group: group(), topics: [TOPICS.tokens], handler: async (event, meta) => void got.set(event.subject, meta) });
    const explicit = { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', tracestate: 'vendor=1' };
    await b.publish([{ topic: TOPICS.tokens, key: 'h-explicit', event: sampleTokenEvent('h-explicit', 1), headers: explicit }]);
    await b.publish([{ topic: TOPICS.tokens, key: 'h-none', event: sampleTokenEvent('h-none', 1) }]);
    const tracing = memoryTracing();
    const span = tracing.tracer.startSpan('publisher');
    try {
      await context.with(trace.setSpan(context.active(), span), () => b.publish([{ topic: TOPICS.tokens, key: 'h-active', event: sampleTokenEvent('h-active', 1) }]));
    } finally {
      span.end();
      await tracing.stop();
    }
    await waitFor('three deliveries', () => got.size === 3, timeoutMs);
    expect(got.get('h-explicit')?.headers).toEqual(explicit);
    expect(got.get('h-none')?.headers).toBeUndefined();
    expect(got.get('h-active')?.headers).toEqual({ traceparent: `00-${span.spanContext().traceId}-${span.spanContext().spanId}-01` });
  });

  test('events of one key are handled in publish order while several keys run concurrently', async () => {
    const { timeoutMs } = getHarness();
    const b = await bus('ordering');
    const seen = new Map<string, number[]>();
    let inFlight = 0;
    let maxInFlight = 0;
    await b.subscribe({
      group: group(),
      topics: [TOPICS.tokens],
      handler: async (event) => {
        inFlight += 1;
        maxInFlight = Math.max(maxInFlight, inFlight);
        await sleep(Math.random() * 3);
        seen.set(event.subject, [...(seen.get(event.subject) ?? []), seqOf(event)]);
        inFlight -= 1;
      },
    });
    const keys = Array.from({ length: 12 }, (_, i) => `order-${i}`);
    for (let batch = 0; batch < 4; batch += 1) {
      const seqs = Array.from({ length: 5 }, (_, i) => batch * 5 + i);
      await b.publish(keys.flatMap((key) => seqs.map((seq) => ({ topic: TOPICS.tokens, key, event: sampleTokenEvent(key, seq) }))));
    }
    await waitFor('every event', () => keys.every((key) => (seen.get(key)?.length ?? 0) === 20), timeoutMs);
    for (const key of keys) expect(seen.get(key)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(maxInFlight).toBeGreaterThan(1);
  });

  test('a handler that throws is retried with meta.attempt incremented, before later events of its key', async () => {
    const { timeoutMs } = getHarness();
    const b = await bus('retry');
    const log: Array<[number, number]> = [];
    await b.subscribe({
      group: group(),
      topics: [TOPICS.tokens],
      handler: async (event, meta) => {
        log.push([seqOf(event), meta.attempt]);
        if (seqOf(event) === 1 && meta.attempt < 3) throw new Error('transient');
      },
    });
    await publishSeqs(b, 'retry-key', [1, 2]);
    await waitFor('the second event', () => log.some(([seq]) => seq === 2), timeoutMs);
    await sleep(200);
    expect(log).toEqual([
      [1, 1],
      [1, 2],
      [1, 3],
      [2, 1],
    ]);
  });

  test('every group sees every event once, including a group created after the events were published', async () => {
    const { timeoutMs } = getHarness();
    const b = await bus('groups');
    const counts = new Map<string, string[]>();
    const subscribe = (name: string) =>
      b.subscribe({ group: name, topics: [TOPICS.tokens], handler: async (event) => void counts.set(name, [...(counts.get(name) ?? []), event.id]) });
    const [first, second, late] = [group(), group(), group()];
    await subscribe(first);
    await subscribe(second);
    const events = Array.from({ length: 10 }, (_, i) => sampleTokenEvent(`groups-${i % 4}`, i));
    await b.publish(events.map((event) => ({ topic: TOPICS.tokens, key: event.subject, event })));
    await subscribe(late);
    const expected = events.map((event) => event.id).sort();
    await waitFor('all groups', () => [first, second, late].every((name) => counts.get(name)?.length === 10), timeoutMs);
    await sleep(300);
    for (const name of [first, second, late]) expect([...(counts.get(name) ?? [])].sort()).toEqual(expected);
  });

  test('lag() counts what a group has not acknowledged: everything before it consumes, nothing once it has', async () => {
    const { timeoutMs } = getHarness();
    const b = await bus('lag');
    const [behind, idle] = [group(), group()];
    const events = Array.from({ length: 6 }, (_, i) => sampleTokenEvent(`lag-${i % 3}`, i));
    await b.publish(events.map((event) => ({ topic: TOPICS.tokens, key: event.subject, event })));
    expect(await b.lag(behind, [TOPICS.tokens])).toEqual([{ topic: TOPICS.tokens, group: behind, lag: 6 }]);
    let handled = 0;
    await b.subscribe({ group: behind, topics: [TOPICS.tokens], handler: async () => void (handled += 1) });
    await waitFor('all handled', () => handled === 6, timeoutMs);
    let settled = -1;
    await waitFor('lag back to zero', async () => (settled = (await b.lag(behind, [TOPICS.tokens]))[0]?.lag ?? -1) === 0, timeoutMs);
    expect(settled).toBe(0);
    expect(await b.lag(idle, [TOPICS.tokens, TOPICS.deadLetters])).toEqual([
      { topic: TOPICS.tokens, group: idle, lag: 6 },
      { topic: TOPICS.deadLetters, group: idle, lag: 0 },
    ]);
  });

  test('two members of one group share the partitions without duplicating or reordering a key', async () => {
    const { timeoutMs, settleMs } = getHarness();
    const [one, two] = [await bus('member-1'), await bus('member-2')];
    const name = group();
    const handled: Array<{ member: string; key: string; seq: number }> = [];
    for (const [member, b] of [['one', one], ['two', two]] as const) {
      await b.subscribe({
        group: name,
        topics: [TOPICS.tokens],
        handler: async (event) => {
          await sleep(1);
          handled.push({ member, key: event.subject, seq: seqOf(event) });
        },
      });
    }
    await sleep(settleMs);
    const keys = Array.from({ length: 32 }, (_, i) => `share-${i}`);
    for (let seq = 0; seq < 6; seq += 1) {
      await one.publish(keys.map((key) => ({ topic: TOPICS.tokens, key, event: sampleTokenEvent(key, seq) })));
      await sleep(30);
    }
    await waitFor('every event', () => handled.length >= keys.length * 6, timeoutMs);
    await sleep(300);
    expect(handled).toHaveLength(keys.length * 6);
    for (const key of keys) expect(handled.filter((h) => h.key === key).map((h) => h.seq)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(handled.map((h) => h.member))).toEqual(new Set(['one', 'two']));
  });

  test('what a crashed member held is redelivered to another member of its group', async () => {
    const { timeoutMs, countsRedeliveries } = getHarness();
    const name = group();
    const crashing = await bus('crashing');
    let release = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    const heldByCrashed: number[] = [];
    await crashing.subscribe({
      group: name,
      topics: [TOPICS.tokens],
      handler: async (event) => {
        heldByCrashed.push(seqOf(event));
        await released; // never acknowledged: the member "dies" while holding it
      },
    });
    try {
      await publishSeqs(crashing, 'crash-key', [1, 2, 3]);
      await waitFor('the crashing member to take the first event', () => heldByCrashed.length === 1, timeoutMs);
      await scope.crash(crashing);
      const survivor = await bus('survivor');
      const got: Array<{ seq: number; attempt: number }> = [];
      await survivor.subscribe({ group: name, topics: [TOPICS.tokens], handler: async (event, meta) => void got.push({ seq: seqOf(event), attempt: meta.attempt }) });
      await waitFor('the redelivery', () => got.length >= 3, timeoutMs);
      expect(heldByCrashed).toEqual([1]);
      expect(got.map((g) => g.seq)).toEqual([1, 2, 3]);
      if (countsRedeliveries) expect(got[0]?.attempt).toBeGreaterThanOrEqual(2);
    } finally {
      release();
    }
  });

  test('unparseable, oversized and off-contract messages are dead-lettered once and never handled', async () => {
    const { timeoutMs } = getHarness();
    const b = await bus('poison');
    const name = group();
    const dead = await collectDeadLetters(b, name);
    const handled: number[] = [];
    await b.subscribe({ group: name, topics: [TOPICS.tokens], handler: async (event) => void handled.push(seqOf(event)) });
    const offContract = { ...sampleTokenEvent('poison-key', 7), type: 'ciba.tokens.revoked.v1' };
    await scope.publishRaw(TOPICS.tokens, 'poison-key', 'not json {');
    await scope.publishRaw(TOPICS.tokens, 'poison-key', JSON.stringify({ ...sampleTokenEvent('poison-key', 8), pad: 'x'.repeat(70_000) }));
    await scope.publishRaw(TOPICS.tokens, 'poison-key', JSON.stringify(offContract));
    await publishSeqs(b, 'poison-key', [1]);
    await waitFor('three dead letters and the valid event', () => dead.length >= 3 && handled.length >= 1, timeoutMs);
    await sleep(500);
    expect(handled).toEqual([1]);
    expect(dead.map((d) => d.data.reason).sort()).toEqual(['contract_violation', 'too_large', 'unparseable']);
    for (const d of dead) expect(d.data).toMatchObject({ topic: TOPICS.tokens, group: name, key: 'poison-key', attempts: 0 });
    const byReason = Object.fromEntries(dead.map((d) => [d.data.reason, d.data]));
    expect(byReason['unparseable']?.original_excerpt).toBe('not json {');
    expect(byReason['too_large']?.original_excerpt.length).toBeLessThanOrEqual(1024);
    expect(byReason['contract_violation']?.original_id).toBe(offContract.id);
    expect(byReason['contract_violation']?.detail).toContain('type');
  });

  test('a handler failing past maxAttempts is dead-lettered and the key moves on', async () => {
    const { timeoutMs } = getHarness();
    const b = await bus('exhausted');
    const name = group();
    const dead = await collectDeadLetters(b, name);
    const attempts: number[] = [];
    const handled: number[] = [];
    await b.subscribe({
      group: name,
      topics: [TOPICS.tokens],
      maxAttempts: 3,
      handler: async (event, meta) => {
        if (seqOf(event) === 1) {
          attempts.push(meta.attempt);
          throw new Error('boom');
        }
        handled.push(seqOf(event));
      },
    });
    const failing = sampleTokenEvent('exhausted-key', 1);
    await b.publish([
      { topic: TOPICS.tokens, key: 'exhausted-key', event: failing },
      { topic: TOPICS.tokens, key: 'exhausted-key', event: sampleTokenEvent('exhausted-key', 2) },
    ]);
    await waitFor('the dead letter and the next event', () => dead.length >= 1 && handled.length >= 1, timeoutMs);
    await sleep(300);
    expect(attempts).toEqual([1, 2, 3]);
    expect(handled).toEqual([2]);
    expect(dead).toHaveLength(1);
    expect(dead[0]?.data).toMatchObject({ reason: 'handler_failed', attempts: 3, original_id: failing.id, key: 'exhausted-key', topic: TOPICS.tokens });
    expect(dead[0]?.data.detail).toContain('boom');
    expect(dead[0]?.subject).toBe('exhausted-key');
  });
}
