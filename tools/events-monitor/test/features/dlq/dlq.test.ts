import { randomBytes, randomUUID } from 'node:crypto';
import { AUTH_REQUEST_CREATED_V1, TOPICS } from '@ciba/contracts';
import { createEventBus, createEventTap, deadLetterEvent, type TappedMessage } from '@ciba/event-bus';
import { waitFor } from '@ciba/test-support';
import { buses } from '../../../../../services/all-in-one/test/support/buses.ts';
import { startPromptReceiver } from '../../../../../services/all-in-one/test/support/prompt-receiver.ts';
import { runMonitor } from '../../support/monitor-process.ts';
import { startMonitoredSystem, type MonitoredSystem } from '../../support/monitored-system.ts';
import { addUser, approvedPollFlow } from '../../support/poll-flow.ts';
import { appendRaw } from '../../support/raw-append.ts';

// `events dlq list` and `dlq replay` against a real system: a poisoned message the services
// dead-letter (listed, never printed, refused on replay), and a dead letter whose original is whole
// and valid (replayed to its topic, where the services' groups see it again and de-duplicate it).
let system: MonitoredSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

interface View { id: string; reason: string; topic: string; group: string; original_id?: string; key?: string; attempts: number; detail: string; replayable: boolean; refusal?: string }

const env = () => system.monitorEnv;
const tapOf = () => createEventTap({ kafkaBrokers: env().KAFKA_BROKERS?.split(','), kafkaTopicPrefix: env().KAFKA_TOPIC_PREFIX, redisUrl: env().REDIS_URL ?? 'redis://127.0.0.1:6379', namespace: env().REDIS_NAMESPACE, clientId: 'dlq-test', logger: silent });

async function messagesOf(topic: string): Promise<TappedMessage[]> {
  const tap = tapOf();
  const found: TappedMessage[] = [];
  try {
    await tap.read({ topics: [topic], from: 'beginning', follow: false, onMessage: (m) => void found.push(m) });
  } finally {
    await tap.close();
  }
  return found;
}

async function list(...args: string[]): Promise<View[]> {
  const run = await runMonitor(['dlq', 'list', '--json', ...args], env());
  if (run.code !== 0) throw new Error(`dlq list exited ${run.code}: ${run.stderr}`);
  return run.stdout.split('\n').filter(Boolean).map((line) => JSON.parse(line) as View);
}

describe.each(buses('events dlq'))('events dlq over $name', (bus) => {
  beforeAll(async () => {
    system = await startMonitoredSystem(bus.env);
    prompts = await startPromptReceiver();
    await addUser(system, 'carol', 'carol@example.com', prompts.url);
  }, 60_000);

  afterAll(async () => {
    await prompts?.close();
    await system?.dispose();
  });

  it('lists a poisoned message and a failed one without their contents, refuses to replay the first and replays the second', async () => {
    await approvedPollFlow(system, prompts, 'carol@example.com');
    const created = (await messagesOf(TOPICS.authRequests)).find((m) => JSON.parse(m.value!).type === AUTH_REQUEST_CREATED_V1)!;
    const original = JSON.parse(created.value!) as { id: string; subject: string };

    // A message off its contract, carrying a secret-looking value, written past the bus' checks.
    const secret = `poison-${randomBytes(8).toString('hex')}`;
    const poisonId = randomUUID();
    const poisonKey = randomUUID();
    await appendRaw(env(), TOPICS.authRequests, poisonKey, JSON.stringify({ specversion: '1.0', id: poisonId, type: AUTH_REQUEST_CREATED_V1, source: '/x', time: new Date().toISOString(), subject: poisonKey, data: { client_secret: secret } }));
    // A handler that gave up on the (whole, valid) created event, its error quoting a secret.
    const publisher = createEventBus({ kafkaBrokers: env().KAFKA_BROKERS?.split(','), kafkaTopicPrefix: env().KAFKA_TOPIC_PREFIX, redisUrl: env().REDIS_URL ?? 'redis://127.0.0.1:6379', namespace: env().REDIS_NAMESPACE, clientId: 'dlq-test', logger: silent });
    const failed = deadLetterEvent({ topic: TOPICS.authRequests, group: 'token.ciba-grants', key: created.key, reason: 'handler_failed', detail: `Error: connect postgres://app:${secret}@db`, originalId: original.id, excerpt: created.value!, attempts: 5 }, '/services/token');
    await publisher.publish([{ topic: TOPICS.deadLetters, key: failed.subject, event: failed }]);
    await publisher.close();

    // Every group reading ciba.auth-requests dead-letters the poison.
    const views = await waitFor(async () => {
      const all = await list();
      return all.filter((v) => v.original_id === poisonId).length === 3 && all.some((v) => v.id === failed.id) ? all : undefined;
    }, 30_000, 'the dead letters');
    const poisoned = views.filter((v) => v.original_id === poisonId);
    expect(poisoned.map((v) => v.group).sort()).toEqual(['audit.recorder', 'consent-dispatcher.prompts', 'token.ciba-grants']);
    for (const v of poisoned) {
      expect(v).toMatchObject({ reason: 'contract_violation', topic: TOPICS.authRequests, key: poisonKey, attempts: 0, replayable: false });
      expect(v.detail).toMatch(/^data\.\w+: \w+/);
      expect(v.refusal).toMatch(/^still off its contract \(data\./);
    }
    expect(views.find((v) => v.id === failed.id)).toStrictEqual({ id: failed.id, time: failed.time, reason: 'handler_failed', topic: TOPICS.authRequests, group: 'token.ciba-grants', key: created.key, original_id: original.id, attempts: 5, detail: 'Error', replayable: true });
    expect((await list('--group', 'consent-dispatcher.prompts')).map((v) => v.original_id)).toEqual([poisonId]);

    const table = await runMonitor(['dlq', 'list'], env());
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^time +id +reason +topic +group +original_id +key +attempts +replayable +detail\n/);
    expect(table.stdout).toContain(`${failed.id}  handler_failed`);

    const refused = await runMonitor(['dlq', 'replay', poisoned[0]!.id, randomUUID()], env());
    expect(refused.code).toBe(1);
    expect(refused.stdout).toMatch(new RegExp(`^id=${poisoned[0]!.id} result=refused reason="still off its contract`, 'm'));
    expect(refused.stdout).toMatch(/result=not_found/);

    const replayed = await runMonitor(['dlq', 'replay', failed.id, '--json'], env());
    expect(replayed.code).toBe(0);
    expect(JSON.parse(replayed.stdout)).toStrictEqual({ id: failed.id, result: 'replayed', topic: TOPICS.authRequests, original_id: original.id, group: 'token.ciba-grants' });
    // The original is on its topic again, same id and key; the services de-duplicate it: no new dead letter.
    const again = await waitFor(async () => {
      const copies = (await messagesOf(TOPICS.authRequests)).filter((m) => m.value && JSON.parse(m.value).id === original.id);
      return copies.length === 2 ? copies : undefined;
    }, 15_000, 'the replayed original');
    expect(again.map((m) => [m.key, JSON.parse(m.value!)])).toEqual([[created.key, original], [created.key, original]]);
    const caughtUp = async () => {
      const { lag } = JSON.parse((await runMonitor(['stats', '--window', '1m', '--json'], env())).stdout) as { lag: Array<{ topic: string; lag: number }> };
      return lag.filter((l) => l.topic === TOPICS.authRequests).every((l) => l.lag === 0);
    };
    await waitFor(caughtUp, 20_000, 'the groups of ciba.auth-requests to catch up');
    expect((await list()).filter((v) => v.original_id === original.id).map((v) => v.id)).toEqual([failed.id]);

    const printed = [table, refused, replayed].map((r) => r.stdout + r.stderr).join('\n') + JSON.stringify(views);
    expect(printed).not.toContain(secret);
    expect(printed).not.toContain('postgres://');
  }, 150_000);
});
