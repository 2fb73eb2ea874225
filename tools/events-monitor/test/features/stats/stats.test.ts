import { randomBytes, randomUUID } from 'node:crypto';
import { CHANNEL_OFFER_REQUESTED_V1, channelOffersTopic } from '@ciba/contracts';
import { createEventBus, newEvent } from '@ciba/event-bus';
import { waitFor } from '@ciba/test-support';
import { buses } from '../../../../../services/all-in-one/test/support/buses.ts';
import { startPromptReceiver } from '../../../../../services/all-in-one/test/support/prompt-receiver.ts';
import { SERVICE_GROUPS } from '../../../src/stats/known-groups.ts';
import { runMonitor } from '../../support/monitor-process.ts';
import { startMonitoredSystem, type MonitoredSystem } from '../../support/monitored-system.ts';
import { addUser, approvedPollFlow } from '../../support/poll-flow.ts';

// `events stats` against a real flow: rates, stage latencies, and the lag of every known group,
// including a group that has not read what waits for it.
let system: MonitoredSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
const silent = { debug() {}, info() {}, warn() {}, error() {} };

interface StatsJson {
  events: number;
  rates: Array<{ topic: string; type: string; count: number; perSecond: number }>;
  stages: Array<{ stage: string; count: number; p50?: number; p90?: number; p99?: number; max?: number }>;
  lag: Array<{ topic: string; group: string; lag: number }>;
}

async function stats(): Promise<StatsJson> {
  const run = await runMonitor(['stats', '--window', '5m', '--json'], system.monitorEnv);
  if (run.code !== 0) throw new Error(`stats exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as StatsJson;
}

describe.each(buses('events stats'))('events stats over $name', (bus) => {
  beforeAll(async () => {
    // The duplicate-prompt rule on, as by default: its consumer group (auth-endpoint.prompt-limits) runs only then.
    system = await startMonitoredSystem(bus.env, { BC_DUPLICATE_PROMPT_WINDOW_S: '60' });
    prompts = await startPromptReceiver();
    await addUser(system, 'bob', 'bob@example.com', prompts.url);
  }, 60_000);

  afterAll(async () => {
    await prompts?.close();
    await system?.dispose();
  });

  it('counts the flow per topic and type, times its stages, and reports the lag of every group', async () => {
    const started = Date.now();
    await approvedPollFlow(system, prompts, 'bob@example.com');
    const elapsed = Date.now() - started;
    // An offer to a plug-in channel nobody runs: its group is behind by one.
    const env = system.monitorEnv;
    const publisher = createEventBus({ kafkaBrokers: env.KAFKA_BROKERS?.split(','), kafkaTopicPrefix: env.KAFKA_TOPIC_PREFIX, redisUrl: env.REDIS_URL ?? 'redis://127.0.0.1:6379', namespace: env.REDIS_NAMESPACE, clientId: 'stats-test', logger: silent });
    const requestId = randomUUID();
    const offer = newEvent(channelOffersTopic('idle'), { type: CHANNEL_OFFER_REQUESTED_V1, source: '/tests', subject: requestId, data: { offer_id: randomUUID(), request_id: requestId, prompt_id: randomBytes(8).toString('hex'), channel: 'idle', channel_index: 0, round: 1, deadline_at: new Date(Date.now() + 60_000).toISOString(), sealed: 'x' } });
    await publisher.publish([{ topic: channelOffersTopic('idle'), key: requestId, event: offer }]);
    await publisher.close();

    // The services acknowledge shortly after handling: wait until every one of their groups has caught up.
    let last: StatsJson | undefined;
    const result = await waitFor(async () => {
      last = await stats();
      return last.lag.filter((l) => l.group !== 'channel.idle').every((l) => l.lag === 0) ? last : undefined;
    }, 30_000, 'the services to catch up').catch((err: Error) => {
      throw new Error(`${err.message}: ${JSON.stringify(last?.lag)}`);
    });

    const count = (topic: string, type: string) => result.rates.find((r) => r.topic === topic && r.type === type)?.count;
    expect(count('ciba.auth-requests', 'ciba.auth_request.created.v1')).toBe(1);
    expect(count('ciba.channel-offers.webhook', 'ciba.channel_offer.requested.v1')).toBe(1);
    expect(count('ciba.consent-prompts', 'ciba.consent_prompt.delivered.v1')).toBe(1);
    expect(count('ciba.consent-decisions', 'ciba.consent.granted.v1')).toBe(1);
    expect(count('ciba.tokens', 'ciba.tokens.issued.v1')).toBe(1);
    expect(count('ciba.channel-offers.idle', 'ciba.channel_offer.requested.v1')).toBe(1);
    expect(result.rates.find((r) => r.topic === 'ciba.tokens')!.perSecond).toBeCloseTo(1 / 300, 3);

    expect(result.stages.map((s) => [s.stage, s.count])).toEqual([['prompt_delivered', 1], ['decided', 1], ['token_issued', 1]]);
    const [delivered, decided, token] = result.stages;
    // The device may answer before the dispatcher records the delivery: no order between those two.
    expect(delivered!.p50).toBeGreaterThanOrEqual(0);
    expect(decided!.p50).toBeGreaterThanOrEqual(0);
    expect(token!.p50).toBeGreaterThanOrEqual(decided!.p50!);
    expect(token!.max).toBeLessThanOrEqual(elapsed);
    expect(token!.p99).toBe(token!.max);

    const lagOf = (group: string) => result.lag.filter((l) => l.group === group).map((l) => [l.topic, l.lag]);
    for (const { group, topics } of SERVICE_GROUPS) expect(lagOf(group)).toEqual(topics.map((topic) => [topic, 0]));
    for (const channel of ['email', 'push', 'sms', 'webhook']) expect(lagOf(`channel.${channel}`)).toEqual([[`ciba.channel-offers.${channel}`, 0]]);
    expect(lagOf('channel.idle')).toEqual([['ciba.channel-offers.idle', 1]]);
  }, 120_000);

  it('prints tables for people', async () => {
    const run = await runMonitor(['stats', '--window', '1m'], system.monitorEnv);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^window \S+ \.\. \S+ \(60 s\): \d+ events/);
    expect(run.stdout).toMatch(/\ntopic +type +count +per_s\n/);
    expect(run.stdout).toMatch(/\nstage +count +p50 +p90 +p99 +max\nprompt_delivered +\d/);
    expect(run.stdout).toMatch(/\ntopic +group +lag\n/);
  }, 60_000);
});
