import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import * as oauth from 'oauth4webapi';
import { EVENT_DEAD_LETTERED_V1, TOPICS } from '@ciba/contracts';
import { kafkaAvailable, kafkaBrokers, waitFor } from '@ciba/test-support';
import { adminCall, decide, discover, insecure, registerClient } from '../../support/ciba-fixture.ts';
import { produceRaw, tapKafka, type KafkaTap } from '../../support/kafka-tap.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startTestSystem, type TestSystem } from '../../support/start-test-system.ts';

// What the system puts on Kafka, read back from the broker: topics with KAFKA_PARTITIONS partitions,
// one request's events keyed by its id (one partition, so in order), and a poisoned message on a topic
// the system consumes dead-lettered without stalling its partition.
const PARTITIONS = 4;
const CONSUMED = [TOPICS.authRequests, TOPICS.consentDecisions];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const describeOnKafka = kafkaAvailable('kafka topics (all-in-one)') ? describe : describe.skip;

let system: TestSystem;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;
const taps: KafkaTap[] = [];
let as: oauth.AuthorizationServer;
let poll: Awaited<ReturnType<typeof registerClient>>;
const prefix = `e2e-kafka-${randomBytes(4).toString('hex')}.`;
const brokers = kafkaBrokers();

/** What the system wrote to `topics` (each read from its beginning), from now on. */
async function tap(...topics: string[]): Promise<KafkaTap> {
  const opened = await tapKafka(brokers, topics.map((topic) => `${prefix}${topic}`), `${prefix}tap-${taps.length}`);
  taps.push(opened);
  return opened;
}

/** bc-authorize, the prompt, approve, then poll until the tokens come: the whole poll flow. */
async function approvedFlow(bindingMessage: string) {
  const response = await oauth.backchannelAuthenticationRequest(as, poll.client, poll.clientAuth, { scope: 'openid', login_hint: 'alice@example.com', binding_message: bindingMessage }, insecure);
  const started = await oauth.processBackchannelAuthenticationResponse(as, poll.client, response);
  const prompt = (await prompts.next(20_000)).body;
  expect(prompt.binding_message).toBe(bindingMessage);
  expect((await decide(prompt, 'approve')).status).toBe(200);
  for (let i = 0; i < 40; i++) {
    await sleep(started.interval! * 1000 + 50);
    const grant = await oauth.backchannelAuthenticationGrantRequest(as, poll.client, poll.clientAuth, started.auth_req_id, insecure);
    try {
      const tokens = await oauth.processBackchannelAuthenticationGrantResponse(as, poll.client, grant);
      return { authReqId: started.auth_req_id, tokens };
    } catch (err) {
      if (err instanceof oauth.ResponseBodyError && err.error === 'authorization_pending') continue;
      throw err;
    }
  }
  throw new Error('still pending');
}

describeOnKafka('over Kafka: topics, keys and poisoned messages, read back from the broker', () => {
  beforeAll(async () => {
    system = await startTestSystem({ KAFKA_BROKERS: brokers.join(','), KAFKA_TOPIC_PREFIX: prefix, KAFKA_PARTITIONS: String(PARTITIONS) });
    prompts = await startPromptReceiver();
    const user = await adminCall(system, 'PUT', '/admin/users/alice', { login_hints: ['alice@example.com'], claims: { name: 'Alice' }, channels: [{ type: 'webhook', url: prompts.url }] });
    expect(user.status).toBe(200);
    as = await discover(system);
    poll = await registerClient(system, { client_name: 'kafka poll', backchannel_token_delivery_mode: 'poll' });
  }, 90_000);

  afterAll(async () => {
    await Promise.all(taps.map((tap) => tap.close()));
    await prompts?.close();
    await system?.dispose();
  });

  it('creates the topics it consumes with KAFKA_PARTITIONS partitions, under KAFKA_TOPIC_PREFIX, each partition led', async () => {
    const admin = new Kafka({ clientId: 'e2e-admin', brokers, logLevel: logLevel.NOTHING }).admin();
    await admin.connect();
    try {
      const { topics } = await admin.fetchTopicMetadata({ topics: [...CONSUMED, TOPICS.deadLetters].map((topic) => `${prefix}${topic}`) });
      const sizes = Object.fromEntries(topics.map((t) => [t.name, t.partitions.length]));
      expect(sizes).toEqual(Object.fromEntries([...CONSUMED, TOPICS.deadLetters].map((topic) => [`${prefix}${topic}`, PARTITIONS])));
      expect(topics.flatMap((t) => t.partitions).every((p) => p.leader >= 0)).toBe(true);
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId).filter((id) => id.startsWith(prefix));
      expect(groups).toEqual(expect.arrayContaining([`${prefix}token.ciba-grants`, `${prefix}consent-dispatcher.prompts`, `${prefix}notifier.client-notifications`]));
    } finally {
      await admin.disconnect();
    }
  });

  it("keys every event of one request by its request id, so they share one partition (hence one order) on every topic", async () => {
    const { authReqId } = await approvedFlow('KEYED');
    const prompt = (await (await adminCall(system, 'GET', `/admin/prompts/${encodeURIComponent(authReqId)}`)).json()) as { request_id: string };
    const requestId = prompt.request_id;
    const onBroker = await tap(TOPICS.authRequests, TOPICS.consentDecisions, TOPICS.tokens);
    const ofRequest = await waitFor(() => {
      const found = onBroker.messages.filter((m) => m.event.subject === requestId);
      return new Set(found.map((m) => m.topic)).size === 3 && found;
    }, 20_000, "the request's events on all three topics");
    expect(ofRequest.map((m) => [m.topic, m.event.type])).toEqual(
      expect.arrayContaining([
        [`${prefix}${TOPICS.authRequests}`, 'ciba.auth_request.created.v1'],
        [`${prefix}${TOPICS.consentDecisions}`, 'ciba.consent.granted.v1'],
        [`${prefix}${TOPICS.tokens}`, 'ciba.tokens.issued.v1'],
      ]),
    );
    expect(ofRequest.every((m) => m.key === requestId)).toBe(true);
    expect(new Set(ofRequest.map((m) => m.partition)).size).toBe(1);
  }, 60_000);

  it('a schema-invalid message on every partition of ciba.auth-requests is dead-lettered by each consumer group, and the requests behind it still flow', async () => {
    const poison = Array.from({ length: PARTITIONS }, (_, partition) => ({
      partition,
      key: `poison-${partition}`,
      value: JSON.stringify({ id: randomUUID(), type: 'ciba.auth_request.created.v1', subject: `poison-${partition}`, data: { hello: 'world' } }),
    }));
    await produceRaw(brokers, `${prefix}${TOPICS.authRequests}`, poison);

    // whichever partition this request lands on, a poisoned message is ahead of it there
    const { tokens } = await approvedFlow('AFTER POISON');
    expect(tokens.access_token).toEqual(expect.any(String));

    const deadLetters = await tap(TOPICS.deadLetters);
    const deadLettered = await waitFor(() => {
      const found = deadLetters.messages.filter((m) => String(m.event.data?.key).startsWith('poison-'));
      return found.length >= 3 * PARTITIONS && found;
    }, 20_000, 'every group dead-lettering every poisoned message');
    expect(deadLettered).toHaveLength(3 * PARTITIONS);
    for (const { event, key } of deadLettered) {
      expect(event).toMatchObject({ type: EVENT_DEAD_LETTERED_V1, data: { topic: TOPICS.authRequests, reason: 'contract_violation', attempts: 0 } });
      expect(key).toBe(event.data.key);
    }
    const byGroup = (group: string) => deadLettered.filter((m) => m.event.data.group === group).map((m) => m.event.data.key).sort();
    const keys = poison.map((m) => m.key).sort();
    expect(byGroup('consent-dispatcher.prompts')).toEqual(keys);
    expect(byGroup('token.ciba-grants')).toEqual(keys);
    expect(byGroup('audit.recorder')).toEqual(keys);
  }, 90_000);
});
