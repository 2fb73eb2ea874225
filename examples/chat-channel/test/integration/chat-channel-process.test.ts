import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { deriveChannelKey } from '@ciba/channel-kit';
import { channelOffersTopic, TOPICS, type EventOf } from '@ciba/contracts';
import { RedisStreamsBus, type EventBusLogger, type Subscription } from '@ciba/event-bus';
import { waitFor } from '@ciba/test-support';
import { startChatServer, type ChatServer } from '../support/chat-server.ts';
import { freePort, runScript, startNodeProcess, type NodeProcess } from '../support/node-process.ts';
import { pluginOffer } from '../support/plugin-offer.ts';

const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const silent: EventBusLogger = { debug() {}, info() {}, warn() {}, error() {} };
type Outcome = EventOf<typeof TOPICS.channelOutcomes>;

/**
 * The plug-in as an operator runs it: its key printed by `npm run channel-key -- chat` from the
 * dispatcher's master key, then `examples/chat-channel/src/main.ts` as its own process on the same
 * bus. The test plays the dispatcher: it publishes sealed offers and reads the outcomes.
 */
describe('examples/chat-channel as its own process', () => {
  jest.setTimeout(120_000);

  const masterKey = randomBytes(32).toString('base64url');
  const namespace = `chat-channel-test-${randomBytes(6).toString('hex')}`;
  let chat: ChatServer;
  let channel: NodeProcess;
  let dispatcherBus: RedisStreamsBus;
  let outcomes: Subscription;
  const received: Outcome[] = [];

  beforeAll(async () => {
    chat = await startChatServer();
    const channelKey = (await runScript('scripts/channel-key.ts', ['chat'], { CHANNEL_MASTER_KEY: masterKey })).trim();
    const healthPort = await freePort();
    channel = await startNodeProcess(
      'examples/chat-channel/src/main.ts',
      { CHANNEL_NAME: 'chat', CHANNEL_KEY: channelKey, CHAT_SERVER_URL: chat.url, REDIS_URL, REDIS_NAMESPACE: namespace, CHANNEL_HEALTH_PORT: String(healthPort), HOST: '127.0.0.1' },
      `http://127.0.0.1:${healthPort}/healthz`,
    );
    dispatcherBus = new RedisStreamsBus({ redisUrl: REDIS_URL, namespace, clientId: 'test-dispatcher', logger: silent, blockMs: 100 });
    outcomes = await dispatcherBus.subscribe({ group: 'consent-dispatcher.outcomes', topics: [TOPICS.channelOutcomes], handler: async (event) => void received.push(event) });
  });

  afterAll(async () => {
    await channel?.stop('SIGKILL');
    await outcomes?.close();
    await dispatcherBus?.close();
    await chat?.close();
    const admin = new Redis(REDIS_URL);
    const keys = await admin.keys(`${namespace}:*`);
    if (keys.length > 0) await admin.del(...keys);
    await admin.quit();
  });

  const key = () => deriveChannelKey(Buffer.from(masterKey, 'base64url'), 'chat');
  const outcomeOf = (offerId: string) => waitFor(() => received.find((o) => o.data.offer_id === offerId), 60_000, `the outcome of ${offerId}`);

  it('an offer on ciba.channel-offers.chat reaches the chat server with the approval link, and delivered is answered', async () => {
    const offer = await pluginOffer(key(), 'chat', '@alice');
    await dispatcherBus.publish([{ topic: channelOffersTopic('chat'), key: offer.subject, event: offer }]);

    const outcome = await outcomeOf(offer.data.offer_id);
    expect(outcome).toMatchObject({
      type: 'ciba.channel_offer.delivered.v1',
      source: '/channels/chat',
      subject: offer.subject,
      data: { offer_id: offer.data.offer_id, request_id: offer.data.request_id, channel: 'chat', channel_index: 1, round: 1, status_code: 200 },
    });
    const message = chat.received.find((m) => m['prompt_id'] === offer.data.prompt_id)!;
    expect(message).toEqual({
      to: '@alice',
      prompt_id: offer.data.prompt_id,
      approval_uri: expect.stringMatching(/^http:\/\/127\.0\.0\.1:8080\/device\/approve\/pr0mpt-.+\?t=t{43}$/),
      text: expect.stringContaining('Point of sale 7 asks you to sign in (openid profile).\nCheck that it shows: W4SP\nApprove or deny: http://127.0.0.1:8080/device/approve/'),
    });
    expect(channel.output()).not.toContain('t'.repeat(43));
  });

  it('a chat server answering 503: failed, rejected, with the status', async () => {
    chat.status = 503;
    const offer = await pluginOffer(key(), 'chat', '@alice');
    await dispatcherBus.publish([{ topic: channelOffersTopic('chat'), key: offer.subject, event: offer }]);
    await expect(outcomeOf(offer.data.offer_id)).resolves.toMatchObject({ type: 'ciba.channel_offer.failed.v1', data: { reason: 'rejected', status_code: 503 } });
    chat.status = 200;
  });

  it('an offer sealed under another channel\'s key: failed, unreadable, and nothing is sent', async () => {
    const before = chat.received.length;
    const offer = await pluginOffer(deriveChannelKey(Buffer.from(masterKey, 'base64url'), 'webhook'), 'chat', '@alice');
    await dispatcherBus.publish([{ topic: channelOffersTopic('chat'), key: offer.subject, event: offer }]);
    await expect(outcomeOf(offer.data.offer_id)).resolves.toMatchObject({ type: 'ciba.channel_offer.failed.v1', data: { reason: 'unreadable' } });
    expect(chat.received.length).toBe(before);
  });

  it('SIGTERM: the process leaves its group and exits 0', async () => {
    await expect(channel.stop('SIGTERM')).resolves.toBe(0);
    expect(channel.output()).toContain('"msg":"shutting down"');
  });
});
