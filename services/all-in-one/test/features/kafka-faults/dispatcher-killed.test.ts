import { kafkaAvailable, startPrivateKafka, waitFor, type PrivateKafka } from '@ciba/test-support';
import * as oauth from 'oauth4webapi';
import { adminCall, insecure, registerClient, type SystemRef } from '../../support/ciba-fixture.ts';
import { startPromptReceiver } from '../../support/prompt-receiver.ts';
import { startConsentPath, type ConsentPath } from './start-consent-path.ts';

// Two consent dispatchers share the prompts consumer group on a Kafka broker of this file's own; one is
// SIGKILLed while requests keep coming. Its partitions move to the other once its session times out,
// and prompts it had stored but not delivered are picked up by the survivor's reconciler: the device
// gets a prompt for every request, and what it sees twice is only the same prompt again (one the victim
// sent but did not see answered, delivered again by the survivor).
const suite = 'kafka faults: consent dispatcher killed';
const REQUESTS = 80;
const CONCURRENCY = 4;

let kafka: PrivateKafka;
let path: ConsentPath;
let prompts: Awaited<ReturnType<typeof startPromptReceiver>>;

const run = kafkaAvailable(suite) ? describe : describe.skip;

beforeAll(async () => {
  if (!kafkaAvailable(suite)) return;
  kafka = await startPrivateKafka();
  // The device answers each prompt 300 ms after taking it: the victim dies with deliveries in flight.
  prompts = await startPromptReceiver(200, 300);
  path = await startConsentPath(kafka.brokers, 2, {
    KAFKA_SESSION_TIMEOUT_MS: '6000',
    CONSENT_RECONCILE_MS: '500',
    CONSENT_RECONCILE_GRACE_MS: '3000',
    CONSENT_DELIVERY_BACKOFF_MS: '200',
  });
}, 300_000);

afterAll(async () => {
  await path?.dispose();
  await prompts?.close();
  await kafka?.dispose();
}, 60_000);

run(suite, () => {
  it('every request is prompted after one of two dispatchers is SIGKILLed mid-load; repeats are the same prompt', async () => {
    const system: SystemRef = { url: path.tokenUrl, issuer: path.tokenUrl, adminToken: path.adminToken };
    const user = await adminCall(system, 'PUT', '/admin/users/dana', { login_hints: ['dana@example.com'], claims: { name: 'Dana' }, channels: [{ type: 'webhook', url: prompts.url }] });
    expect(user.status).toBe(200);
    const as = await oauth.processDiscoveryResponse(new URL(path.tokenUrl), await oauth.discoveryRequest(new URL(path.tokenUrl), insecure));
    const { client, clientAuth } = await registerClient(system, { client_name: 'Branch office', backchannel_token_delivery_mode: 'poll' });
    const request = async (i: number) => {
      const response = await oauth.backchannelAuthenticationRequest(as, client, clientAuth, { scope: 'openid', login_hint: 'dana@example.com', binding_message: `L${i}` }, insecure);
      if (response.status !== 200) throw new Error(`bc-authorize ${response.status}: ${await response.clone().text()}`);
      await oauth.processBackchannelAuthenticationResponse(as, client, response);
    };
    const [victim, survivor] = path.dispatchers as [ConsentPath['dispatchers'][0], ConsentPath['dispatchers'][0]];
    const deliveredBy = (dispatcher: { url: string }) => prompts.prompts.filter((p) => String(p.body.decision_uri).startsWith(`${dispatcher.url}/`)).length;

    // The load: REQUESTS requests, CONCURRENCY at a time; once both dispatchers have delivered prompts
    // and half the requests are accepted, the victim is SIGKILLed while the rest keep coming.
    let next = 0;
    let killed: Promise<void> | undefined;
    let victimBeforeKill = 0;
    const worker = async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        if (i >= REQUESTS / 2 && !killed) {
          await waitFor(() => deliveredBy(victim) > 0 && deliveredBy(survivor) > 0, 60_000, 'prompts from both dispatchers');
          victimBeforeKill = deliveredBy(victim);
          killed ??= victim.process.stop('SIGKILL');
        }
        await request(i);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await killed;

    const promptIds = new Map<string, Set<unknown>>();
    await waitFor(
      () => {
        promptIds.clear();
        for (const p of prompts.prompts) promptIds.set(String(p.body.binding_message), (promptIds.get(String(p.body.binding_message)) ?? new Set()).add(p.body.prompt_id));
        return promptIds.size === REQUESTS;
      },
      120_000,
      `a prompt for each of the ${REQUESTS} requests`,
    );
    expect([...promptIds.keys()].sort()).toEqual(Array.from({ length: REQUESTS }, (_, i) => `L${i}`).sort());
    for (const ids of promptIds.values()) expect(ids.size).toBe(1);
    expect(victimBeforeKill).toBeGreaterThan(0);
    expect(deliveredBy(survivor)).toBeGreaterThan(0);
    const repeats = prompts.prompts.length - REQUESTS;
    process.stdout.write(`${suite}: ${REQUESTS} requests, ${prompts.prompts.length} prompts delivered (repeats of a prompt already seen: ${repeats}), ${deliveredBy(victim)} by the killed dispatcher (${victimBeforeKill} before the kill)\n`);
  }, 300_000);
});
