import { TOPICS } from '@ciba/contracts';
import { deliveryMetrics } from '@ciba/metrics';
import type { EventHandler } from '../../../src/event-bus.ts';
import type { DeadLetterFields } from '../../../src/consumer/dead-letter-event.ts';
import { processMessage, type Delivery, type MessageProcessor } from '../../../src/consumer/process-message.ts';
import { sampleTokenEvent } from '../../support/sample-token-event.ts';
import { testLogger } from '../../support/test-logger.ts';

type Tokens = typeof TOPICS.tokens;

function processor(handler: EventHandler<Tokens>, overrides: Partial<MessageProcessor<Tokens>> = {}) {
  const deadLetters: DeadLetterFields[] = [];
  const proc: MessageProcessor<Tokens> = {
    system: 'test',
    group: 'g',
    handler,
    maxAttempts: 3,
    retry: { initialMs: 1, maxMs: 2 },
    logger: testLogger,
    signal: new AbortController().signal,
    deadLetter: async (fields) => void deadLetters.push(fields),
    nextAttempt: async (attempt) => attempt + 1,
    ...overrides,
  };
  return { proc, deadLetters };
}

const event = sampleTokenEvent('k', 1);
const delivery = (overrides: Partial<Delivery> = {}): Delivery => ({ topic: TOPICS.tokens, raw: JSON.stringify(event), key: 'k', partition: 2, position: '5', attempt: 1, ...overrides });

describe('processMessage', () => {
  test('hands the event and its meta to the handler', async () => {
    const handler = jest.fn(async () => {});
    const { proc } = processor(handler);
    await expect(processMessage(proc, delivery())).resolves.toBe('handled');
    expect(handler).toHaveBeenCalledWith(event, { topic: TOPICS.tokens, key: 'k', partition: 2, position: '5', attempt: 1 });
  });

  test('a redelivery already past maxAttempts is dead-lettered without running the handler', async () => {
    const handler = jest.fn(async () => {});
    const { proc, deadLetters } = processor(handler);
    await expect(processMessage(proc, delivery({ attempt: 4 }))).resolves.toBe('dead_lettered');
    expect(handler).not.toHaveBeenCalled();
    expect(deadLetters[0]).toMatchObject({ reason: 'handler_failed', attempts: 3, originalId: event.id, key: 'k', group: 'g' });
  });

  test('a dead letter counts in ciba_dead_letters_total by its original topic', async () => {
    const counted = async () => (await deliveryMetrics.deadLetters.get()).values.find((v) => v.labels.topic === TOPICS.tokens)?.value ?? 0;
    const before = await counted();
    const { proc } = processor(async () => {});
    await expect(processMessage(proc, delivery({ raw: 'not json' }))).resolves.toBe('dead_lettered');
    expect(await counted()).toBe(before + 1);
  });

  test('closing during the retry backoff abandons the message unacknowledged', async () => {
    const controller = new AbortController();
    const { proc, deadLetters } = processor(
      async () => {
        controller.abort();
        throw new Error('fails');
      },
      { signal: controller.signal, retry: { initialMs: 60_000, maxMs: 60_000 } },
    );
    await expect(processMessage(proc, delivery())).resolves.toBe('abandoned');
    expect(deadLetters).toHaveLength(0);
  });

  test('a message gone before its retry (acknowledged elsewhere, trimmed) is abandoned', async () => {
    const handler = jest.fn(async () => {
      throw new Error('fails');
    });
    const { proc } = processor(handler, { nextAttempt: async () => null });
    await expect(processMessage(proc, delivery())).resolves.toBe('abandoned');
    expect(handler).toHaveBeenCalledTimes(1);
  });

  test('a bad message on the dead-letter topic is dropped, never dead-lettered again', async () => {
    const { proc, deadLetters } = processor(async () => {});
    await expect(processMessage(proc as never, delivery({ topic: TOPICS.deadLetters, raw: 'junk' }))).resolves.toBe('dead_lettered');
    expect(deadLetters).toHaveLength(0);
  });

  test('a failing dead-letter publish propagates, so the message is not acknowledged', async () => {
    const { proc } = processor(async () => {}, { deadLetter: async () => Promise.reject(new Error('broker down')) });
    await expect(processMessage(proc, delivery({ raw: 'junk' }))).rejects.toThrow('broker down');
  });
});
