import type { ChannelType, ClientView, UserChannel, UserView } from '@ciba/contracts';
import type { DevicePrompt } from '@ciba/contracts/api/device-prompt';
import { sha256 } from '@ciba/service-kit';
import type { ChannelAdapter, ChannelAdapters, ChannelDelivery } from '../../../src/adapters/channels/channel-adapter.ts';
import { deliverPrompt } from '../../../src/handlers/deliver-prompt.ts';
import { MemoryPromptStore } from '../../support/memory-prompt-store.ts';
import { samplePrompt } from '../../support/sample-prompt.ts';
import { silentLogger } from '../../support/silent-logger.ts';

/** A webhook adapter answering from a script per URL, remembering what it was sent. */
function scriptedWebhook(answers: Record<string, ChannelDelivery>) {
  const sent: Array<{ url: string; prompt: DevicePrompt }> = [];
  const adapter: ChannelAdapter<'webhook'> = {
    type: 'webhook',
    async deliver(channel, prompt) {
      sent.push({ url: channel.url, prompt });
      return answers[channel.url] ?? { outcome: 'network_error' };
    },
  };
  return { adapter, sent };
}

const user = (channels: UserChannel[]): UserView => ({ sub: 'alice', claims: {}, channels, has_user_code: false });
const client: ClientView = {
  client_id: 'client-1',
  client_name: 'Example Bank',
  grant_types: [],
  token_endpoint_auth_method: 'client_secret_basic',
  backchannel_user_code_parameter: false,
  id_token_signed_response_alg: 'RS256',
};

function setup(channels: UserChannel[] | null, answers: Record<string, ChannelDelivery>, extra: ChannelAdapters = {}) {
  const store = new MemoryPromptStore();
  const prompt = samplePrompt();
  store.prompts.set(prompt.promptId, prompt);
  const webhook = scriptedWebhook(answers);
  const asked: string[] = [];
  const run = deliverPrompt({
    store,
    directory: {
      getUser: async () => (asked.push('getUser'), channels ? user(channels) : null),
      getClient: async () => (asked.push('getClient'), client),
    },
    adapters: { webhook: webhook.adapter, ...extra },
    logger: silentLogger,
    publicUrl: 'https://issuer.example',
    now: () => new Date(),
  });
  return {
    store,
    prompt,
    asked,
    sent: webhook.sent,
    run: (attempt = 1, final = false) => run({ promptId: prompt.promptId, attempt, final }),
    /** The first run in process: the prompt as stored, with the token whose hash it holds. */
    runFirst: (token: string) => {
      store.prompts.get(prompt.promptId)!.decisionTokenHash = sha256(token);
      return run({ promptId: prompt.promptId, attempt: 1, final: false, prompt: { ...store.prompts.get(prompt.promptId)! }, token });
    },
  };
}

const hook = (url: string): UserChannel => ({ type: 'webhook', url });

describe('deliverPrompt', () => {
  it('tries the channels in order and stops at the first that accepts', async () => {
    const t = setup([hook('https://a.example/'), hook('https://b.example/'), hook('https://c.example/')], {
      'https://a.example/': { outcome: 'rejected', statusCode: 500 },
      'https://b.example/': { outcome: 'accepted', statusCode: 200 },
      'https://c.example/': { outcome: 'accepted', statusCode: 200 },
    });
    expect(await t.run()).toBe('done');
    expect(t.sent.map((s) => s.url)).toEqual(['https://a.example/', 'https://b.example/']);
    expect(t.store.attempts.map((a) => [a.channelIndex, a.outcome, a.statusCode])).toEqual([
      [0, 'rejected', 500],
      [1, 'accepted', 200],
    ]);
    expect(t.store.prompts.get(t.prompt.promptId)?.deliveryStatus).toBe('delivered');
    expect(t.store.outbox.map((e) => e.envelope)).toEqual([
      expect.objectContaining({
        type: 'ciba.consent_prompt.delivered.v1',
        subject: t.prompt.requestId,
        data: { request_id: t.prompt.requestId, prompt_id: t.prompt.promptId, channel_type: 'webhook', channel_index: 1, attempts: 1 },
      }),
    ]);
  });

  it('sends a fresh decision token to each channel; only the last one stays valid', async () => {
    const t = setup([hook('https://a.example/'), hook('https://b.example/')], {
      'https://a.example/': { outcome: 'timeout' },
      'https://b.example/': { outcome: 'accepted', statusCode: 202 },
    });
    await t.run();
    const [first, second] = t.sent.map((s) => s.prompt.decision_token);
    expect(first).not.toBe(second);
    expect(t.store.prompts.get(t.prompt.promptId)?.decisionTokenHash).toBe(sha256(second!));
  });

  it('offers the token stored ahead to the first channel without rotating it; the next channel gets a fresh one', async () => {
    const t = setup([hook('https://a.example/'), hook('https://b.example/')], {
      'https://a.example/': { outcome: 'rejected', statusCode: 500 },
      'https://b.example/': { outcome: 'accepted', statusCode: 200 },
    });
    const rotations: string[] = [];
    const rotate = t.store.rotateTokenHash.bind(t.store);
    t.store.rotateTokenHash = async (id, hash) => (rotations.push(hash), rotate(id, hash));
    t.store.findById = async () => {
      throw new Error('the first run uses the prompt it is given');
    };
    expect(await t.runFirst('T'.repeat(43))).toBe('done');
    const [first, second] = t.sent.map((s) => s.prompt.decision_token);
    expect(first).toBe('T'.repeat(43));
    expect(second).not.toBe(first);
    expect(rotations).toEqual([sha256(second!)]);
    expect(t.store.prompts.get(t.prompt.promptId)).toMatchObject({ deliveryStatus: 'delivered', decisionTokenHash: sha256(second!) });
    expect(t.store.attempts.map((a) => [a.channelIndex, a.outcome, a.jobAttempt])).toEqual([
      [0, 'rejected', 1],
      [1, 'accepted', 1],
    ]);
  });

  it('keeps the token stored ahead for the first channel that has an adapter', async () => {
    const t = setup([{ type: 'sms', phone: '+15550100' }, hook('https://a.example/')], { 'https://a.example/': { outcome: 'accepted', statusCode: 200 } });
    const rotate = jest.spyOn(t.store, 'rotateTokenHash');
    await t.runFirst('T'.repeat(43));
    expect(t.sent.map((s) => s.prompt.decision_token)).toEqual(['T'.repeat(43)]);
    expect(rotate).not.toHaveBeenCalled();
  });

  it('asks the directory for the user and the client once per run', async () => {
    const t = setup([hook('https://a.example/'), hook('https://b.example/')], { 'https://b.example/': { outcome: 'accepted', statusCode: 200 } });
    await t.run();
    expect(t.asked.sort()).toEqual(['getClient', 'getUser']);
  });

  it('sends the prompt of interfaces.md §4 with the client name', async () => {
    const t = setup([hook('https://a.example/')], { 'https://a.example/': { outcome: 'accepted', statusCode: 200 } });
    await t.run();
    expect(t.sent[0]?.prompt).toEqual({
      prompt_id: t.prompt.promptId,
      sub: 'alice',
      client_id: 'client-1',
      client_name: 'Example Bank',
      scope: 'openid profile',
      binding_message: 'W4SP',
      acr_values: 'urn:acr:silver',
      expires_at: t.prompt.expiresAt.toISOString(),
      decision_uri: `https://issuer.example/device/decisions/${t.prompt.promptId}`,
      decision_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
  });

  it('counts a channel type without an adapter as failed and tries the next one', async () => {
    const t = setup([{ type: 'sms', phone: '+15550100' }, { type: 'email', address: 'a@example.com' }, hook('https://a.example/')], {
      'https://a.example/': { outcome: 'accepted', statusCode: 200 },
    });
    expect(await t.run()).toBe('done');
    expect(t.store.attempts.map((a) => [a.channelType, a.outcome])).toEqual([
      ['sms', 'not_configured'],
      ['email', 'not_configured'],
      ['webhook', 'accepted'],
    ]);
  });

  it('uses an adapter plugged in for another channel type', async () => {
    const pushed: ChannelType[] = [];
    const push: ChannelAdapter<'push'> = { type: 'push', deliver: async (c) => (pushed.push(c.type), { outcome: 'accepted' }) };
    const t = setup([{ type: 'push', provider: 'fcm', token: 'device-token' }], {}, { push });
    expect(await t.run()).toBe('done');
    expect(pushed).toEqual(['push']);
  });

  it('asks for a retry when every channel failed and runs remain', async () => {
    const t = setup([hook('https://a.example/'), hook('https://b.example/')], {
      'https://a.example/': { outcome: 'redirected', statusCode: 302 },
      'https://b.example/': { outcome: 'rejected', statusCode: 503 },
    });
    expect(await t.run(1, false)).toBe('retry');
    expect(t.store.prompts.get(t.prompt.promptId)?.deliveryStatus).toBe('queued');
    expect(t.store.outbox).toEqual([]);
  });

  it('declares the prompt undeliverable on the final run', async () => {
    const t = setup([hook('https://a.example/'), hook('https://b.example/')], {});
    expect(await t.run(3, true)).toBe('done');
    expect(t.store.prompts.get(t.prompt.promptId)?.deliveryStatus).toBe('undeliverable');
    expect(t.store.failures.get(t.prompt.promptId)).toBe('all_channels_failed');
    expect(t.store.outbox.map((e) => e.envelope)).toEqual([
      expect.objectContaining({ type: 'ciba.consent_prompt.undeliverable.v1', data: { request_id: t.prompt.requestId, prompt_id: t.prompt.promptId, channels_tried: 2 } }),
    ]);
  });

  it('gives up at once when the user is gone', async () => {
    const t = setup(null, {});
    expect(await t.run()).toBe('done');
    expect(t.store.failures.get(t.prompt.promptId)).toBe('user_unknown');
    expect(t.store.outbox.map((e) => (e.envelope as { data: unknown }).data)).toEqual([
      { request_id: t.prompt.requestId, prompt_id: t.prompt.promptId, channels_tried: 0 },
    ]);
  });

  it('gives up at once when the user has no channel', async () => {
    const t = setup([], {});
    expect(await t.run()).toBe('done');
    expect(t.store.failures.get(t.prompt.promptId)).toBe('no_channels');
  });

  it('stops without sending once the request expired', async () => {
    const t = setup([hook('https://a.example/')], { 'https://a.example/': { outcome: 'accepted' } });
    t.store.prompts.get(t.prompt.promptId)!.expiresAt = new Date(Date.now() - 1);
    expect(await t.run(2, false)).toBe('done');
    expect(t.sent).toEqual([]);
    expect(t.store.prompts.get(t.prompt.promptId)?.deliveryStatus).toBe('expired');
    expect(t.store.outbox).toEqual([]);
  });

  it('does nothing for a prompt already delivered or decided', async () => {
    const t = setup([hook('https://a.example/')], { 'https://a.example/': { outcome: 'accepted' } });
    t.store.prompts.get(t.prompt.promptId)!.deliveryStatus = 'delivered';
    expect(await t.run()).toBe('done');
    t.store.prompts.get(t.prompt.promptId)!.deliveryStatus = 'queued';
    t.store.prompts.get(t.prompt.promptId)!.status = 'approved';
    expect(await t.run()).toBe('done');
    expect(t.sent).toEqual([]);
  });
});
