import { randomBytes, randomUUID } from 'node:crypto';
import { createLocalJWKSet, flattenedVerify } from 'jose';
import { CHANNEL_OFFER_DELIVERED_V1, CHANNEL_OFFER_FAILED_V1, TOPICS, type UserChannel } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';
import { sha256 } from '@ciba/service-kit';
import { waitFor } from '@ciba/test-support';
import { PROMPTS_GROUP } from '../../src/handlers/prompt-consumer.ts';
import { createdEvent } from '../support/created-event.ts';
import { ADMIN_TOKEN, startDispatcherHarness, type DispatcherHarness } from '../support/dispatcher-harness.ts';
import { fixedDeliverer } from '../support/fixed-deliverer.ts';
import { postDecision } from '../support/post-decision.ts';
import { startReceivers } from '../support/receivers.ts';
import { testWebhookDeliverer } from '../support/test-webhook-deliverer.ts';

interface OfferRow {
  offer_id: string;
  round: number;
  channel_index: number;
  channel: string;
  channel_type: string;
  status: string;
  reason: string | null;
  late_outcome: string | null;
}

/**
 * The dispatcher with channels on a real bus: offers go out through the outbox to
 * ciba.channel-offers.<channel>, channels answer on ciba.channel-outcomes. `pigeon` is a plug-in
 * channel nobody serves (its offers time out after 600 ms); `gone` answers every offer `gone`.
 */
describe('consent dispatcher: prompts offered to channels through the bus', () => {
  let h: DispatcherHarness;
  let receivers: Awaited<ReturnType<typeof startReceivers>>;
  const gone = fixedDeliverer('gone', { delivered: false, reason: 'gone', statusCode: 410 });

  const promptFor = async (requestId: string) =>
    (await h.q<{ prompt_id: string; status: string; delivery_status: string; delivery_failure: string | null; decision_token_hash: string | null; round: number }>(
      'SELECT * FROM $schema.consent_prompts WHERE request_id = $1',
      [requestId],
    ))[0];
  const offersOf = (promptId: string) =>
    h.q<OfferRow>('SELECT offer_id::text, round, channel_index, channel, channel_type, status::text, reason, late_outcome FROM $schema.prompt_offers WHERE prompt_id = $1 ORDER BY offered_at', [promptId]);
  const outbox = (requestId: string, type: string) =>
    h.q<{ envelope: { data: Record<string, unknown> } }>("SELECT envelope FROM $schema.outbox_events WHERE key = $1 AND envelope->>'type' = $2 ORDER BY seq", [requestId, type]);
  const arrivals = (path: string) => receivers.received.filter((r) => r.path === path);
  const created = async (sub: string, channels: UserChannel[] | null, clientId = 'client-1') => {
    if (channels) h.directory.users.set(sub, channels);
    const event = createdEvent(sub);
    event.data.client_id = clientId;
    await h.bus.publish([{ topic: TOPICS.authRequests, key: event.subject, event }]);
    return event;
  };
  const settled = async (requestId: string, status: string) => waitFor(async () => ((await promptFor(requestId))?.delivery_status === status ? promptFor(requestId) : undefined), 15_000, `delivery ${status}`);
  const webhook = (path: string): UserChannel => ({ type: 'webhook', url: `${receivers.base}${path}` });
  const pigeon: UserChannel = { type: 'plugin', name: 'pigeon', target: 'loft 7' };
  const decisionUrl = (promptId: string) => `${h.url}/device/decisions/${promptId}`;

  beforeAll(async () => {
    receivers = await startReceivers();
    h = await startDispatcherHarness(
      {
        CONSENT_DELIVERY_ATTEMPTS: '2',
        CONSENT_DELIVERY_BACKOFF_MS: '100',
        CONSENT_CHANNEL_DEADLINE_MS: '10000',
        CONSENT_CHANNEL_DEADLINES: 'pigeon=600',
        CONSENT_OFFER_SWEEP_MS: '100',
        CONSENT_OFFER_LEASE_MS: '1000',
      },
      [testWebhookDeliverer(), gone],
    );
  });

  afterAll(async () => {
    await h?.close();
    await receivers?.close();
  });

  it('delivers the prompt of §4 by webhook, signed, and records the offer and ciba.consent_prompt.delivered.v1', async () => {
    const event = await created('alice', [webhook('/ok/alice')]);
    const prompt = (await settled(event.data.request_id, 'delivered'))!;
    const [got] = arrivals('/ok/alice');
    expect(got!.body).toEqual({
      prompt_id: prompt.prompt_id,
      sub: 'alice',
      client_id: 'client-1',
      client_name: 'Example Bank',
      scope: 'openid profile',
      expires_at: new Date(event.data.expires_at).toISOString(),
      decision_uri: `http://consent.test/device/decisions/${prompt.prompt_id}`,
      decision_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    expect(prompt.decision_token_hash).toBe(sha256(String(got!.body.decision_token)));
    const [header, , signature] = String(got!.headers['ciba-signature']).split('.');
    const body = Buffer.from(JSON.stringify(got!.body)).toString('base64url');
    const verified = await flattenedVerify({ protected: header!, payload: body, signature: signature! }, createLocalJWKSet(await h.directory.jwks()));
    expect(verified.protectedHeader).toMatchObject({ alg: 'RS256', typ: 'ciba-prompt+jws' });
    expect(await offersOf(prompt.prompt_id)).toEqual([expect.objectContaining({ round: 1, channel_index: 0, channel: 'webhook', status: 'delivered' })]);
    const [delivered] = await outbox(event.data.request_id, 'ciba.consent_prompt.delivered.v1');
    expect(delivered!.envelope.data).toEqual({ request_id: event.data.request_id, prompt_id: prompt.prompt_id, channel_type: 'webhook', channel_index: 0, attempts: 1 });
    const [requested] = await outbox(event.data.request_id, 'ciba.channel_offer.requested.v1');
    expect(JSON.stringify(requested)).not.toContain(String(got!.body.decision_token));
    expect(JSON.stringify(requested)).not.toContain(receivers.base);
  });

  it('falls back on a failed outcome (500) and on a deadline (timed_out), and the earlier tokens stop working', async () => {
    const event = await created('bob', [webhook('/fail/bob'), pigeon, webhook('/ok/bob')]);
    const prompt = (await settled(event.data.request_id, 'delivered'))!;
    expect((await offersOf(prompt.prompt_id)).map((o) => [o.channel_index, o.channel, o.status, o.reason])).toEqual([
      [0, 'webhook', 'failed', 'rejected'],
      [1, 'pigeon', 'timed_out', null],
      [2, 'webhook', 'delivered', null],
    ]);
    expect(await outbox(event.data.request_id, 'ciba.channel_offer.timed_out.v1')).toHaveLength(1);
    const failedToken = String(arrivals('/fail/bob')[0]!.body.decision_token);
    const token = String(arrivals('/ok/bob')[0]!.body.decision_token);
    expect((await postDecision(decisionUrl(prompt.prompt_id), failedToken, { decision: 'approve' })).status).toBe(401);
    expect(await postDecision(decisionUrl(prompt.prompt_id), token, { decision: 'approve' })).toMatchObject({ status: 200, body: { status: 'approved' } });
    expect(await postDecision(decisionUrl(prompt.prompt_id), token, { decision: 'deny' })).toMatchObject({ status: 409 });
  });

  it('skips the channel types the client does not allow', async () => {
    h.directory.clients.set('client-webhook-only', ['webhook']);
    const event = await created('carol', [pigeon, { type: 'sms', phone: '+15550100' }, webhook('/ok/carol')], 'client-webhook-only');
    const prompt = (await settled(event.data.request_id, 'delivered'))!;
    expect((await offersOf(prompt.prompt_id)).map((o) => [o.channel_index, o.channel])).toEqual([[2, 'webhook']]);
  });

  it('records an entry reported gone as disabled and skips it for later prompts', async () => {
    const entry: UserChannel = { type: 'plugin', name: 'gone', target: 'old-token' };
    const first = await created('dave', [entry, webhook('/ok/dave')]);
    const p1 = (await settled(first.data.request_id, 'delivered'))!;
    expect((await offersOf(p1.prompt_id)).map((o) => [o.channel, o.status, o.reason])).toEqual([['gone', 'failed', 'gone'], ['webhook', 'delivered', null]]);
    expect(await h.q('SELECT sub FROM $schema.disabled_channels WHERE sub = $1', ['dave'])).toHaveLength(1);
    const offeredBefore = gone.offers;
    const second = await created('dave', null);
    const p2 = (await settled(second.data.request_id, 'delivered'))!;
    expect((await offersOf(p2.prompt_id)).map((o) => o.channel)).toEqual(['webhook']);
    expect(gone.offers).toBe(offeredBefore);
    // The operator replaces the entry (a new token): it is tried again.
    h.directory.users.set('dave', [{ ...entry, target: 'new-token' }, webhook('/ok/dave')]);
    const third = await created('dave', null);
    const p3 = (await settled(third.data.request_id, 'delivered'))!;
    expect((await offersOf(p3.prompt_id)).map((o) => o.channel)).toEqual(['gone', 'webhook']);
  });

  it('runs the rounds (CONSENT_DELIVERY_ATTEMPTS), then publishes undeliverable', async () => {
    const event = await created('erin', [webhook('/fail/erin')]);
    const prompt = (await settled(event.data.request_id, 'undeliverable'))!;
    expect(prompt).toMatchObject({ delivery_failure: 'all_channels_failed', round: 2 });
    expect((await offersOf(prompt.prompt_id)).map((o) => [o.round, o.status])).toEqual([[1, 'failed'], [2, 'failed']]);
    const [undeliverable] = await outbox(event.data.request_id, 'ciba.consent_prompt.undeliverable.v1');
    expect(undeliverable!.envelope.data).toEqual({ request_id: event.data.request_id, prompt_id: prompt.prompt_id, channels_tried: 1 });
    expect(arrivals('/fail/erin')).toHaveLength(2);
  });

  it('gives up at once for an unknown user or one without a usable channel', async () => {
    const unknown = await created('nobody', null);
    expect(await settled(unknown.data.request_id, 'undeliverable')).toMatchObject({ delivery_failure: 'user_unknown' });
    h.directory.clients.set('client-push-only', ['push']);
    const none = await created('frank', [webhook('/ok/frank')], 'client-push-only');
    expect(await settled(none.data.request_id, 'undeliverable')).toMatchObject({ delivery_failure: 'no_channels' });
    expect(arrivals('/ok/frank')).toHaveLength(0);
  });

  it('records a late outcome on the offer only, and applies a redelivered outcome once', async () => {
    const event = await created('grace', [pigeon, webhook('/fail/grace'), webhook('/ok/grace')]);
    const prompt = (await settled(event.data.request_id, 'delivered'))!;
    const [timedOut] = await offersOf(prompt.prompt_id);
    expect(timedOut!.status).toBe('timed_out');
    const ref = { offer_id: timedOut!.offer_id, request_id: event.data.request_id, prompt_id: prompt.prompt_id, channel: 'pigeon', channel_index: 0, round: 1 };
    const late = newEvent(TOPICS.channelOutcomes, { type: CHANNEL_OFFER_DELIVERED_V1, source: '/channels/pigeon', subject: event.data.request_id, data: ref });
    await h.bus.publish([{ topic: TOPICS.channelOutcomes, key: event.subject, event: late }]);
    await waitFor(async () => (await offersOf(prompt.prompt_id))[0]!.late_outcome === 'delivered', 10_000, 'the late outcome recorded');
    expect((await offersOf(prompt.prompt_id)).map((o) => o.status)).toEqual(['timed_out', 'failed', 'delivered']);
    expect(await outbox(event.data.request_id, 'ciba.consent_prompt.delivered.v1')).toHaveLength(1);

    // A failed outcome delivered twice (same event id) moves on once.
    const again = await created('heidi', [pigeon, webhook('/ok/heidi')]);
    const waiting = await waitFor(async () => {
      const p = await promptFor(again.data.request_id);
      return p && (await offersOf(p.prompt_id)).length === 1 ? p : undefined;
    }, 10_000, 'the pigeon offer');
    const [out] = await offersOf(waiting.prompt_id);
    const failed = newEvent(TOPICS.channelOutcomes, {
      type: CHANNEL_OFFER_FAILED_V1,
      source: '/channels/pigeon',
      subject: again.data.request_id,
      data: { ...ref, offer_id: out!.offer_id, request_id: again.data.request_id, prompt_id: waiting.prompt_id, reason: 'rejected' },
    });
    await h.bus.publish([{ topic: TOPICS.channelOutcomes, key: again.subject, event: failed }]);
    await h.bus.publish([{ topic: TOPICS.channelOutcomes, key: again.subject, event: failed }]);
    await settled(again.data.request_id, 'delivered');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await offersOf(waiting.prompt_id)).map((o) => [o.channel, o.status])).toEqual([['pigeon', 'failed'], ['webhook', 'delivered']]);
    expect(arrivals('/ok/heidi')).toHaveLength(1);
  });

  describe('GET /admin/prompts/{id}', () => {
    const admin = (id: string, token: string | null = ADMIN_TOKEN) => fetch(`${h.url}/admin/prompts/${id}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

    it('shows the prompt and its offers by request id and by auth_req_id, without addresses or tokens', async () => {
      const event = await created('ivan', [webhook('/fail/ivan'), webhook('/ok/ivan')]);
      const prompt = (await settled(event.data.request_id, 'delivered'))!;
      const authReqId = randomBytes(24).toString('base64url');
      h.authRequests.add(authReqId, event.data.request_id);
      const byRequest = await admin(event.data.request_id);
      expect(byRequest.status).toBe(200);
      expect(byRequest.headers.get('cache-control')).toBe('no-store');
      const view = (await byRequest.json()) as Record<string, unknown>;
      expect(view).toMatchObject({
        request_id: event.data.request_id,
        prompt_id: prompt.prompt_id,
        status: 'pending',
        delivery_status: 'delivered',
        round: 1,
        offers: [
          expect.objectContaining({ round: 1, channel_index: 0, channel: 'webhook', status: 'failed', reason: 'rejected', status_code: 500, deadline_at: expect.any(String), settled_at: expect.any(String) }),
          expect.objectContaining({ round: 1, channel_index: 1, channel: 'webhook', status: 'delivered', status_code: 200 }),
        ],
      });
      const text = JSON.stringify(view);
      expect(text).not.toContain(receivers.base);
      expect(text).not.toContain(String(arrivals('/ok/ivan')[0]!.body.decision_token));
      expect(await (await admin(authReqId)).json()).toEqual(view);
    });

    it('answers 401 without the admin token and 404 for an unknown id', async () => {
      expect((await admin(randomUUID(), null)).status).toBe(401);
      expect((await admin(randomUUID(), 'wrong')).status).toBe(401);
      expect((await admin(randomUUID())).status).toBe(404);
      expect((await admin('unknown-auth-req-id')).status).toBe(404);
    });
  });

  it('continues from the database after a restart: a prompt stored while the directory was down is offered by the sweep', async () => {
    h.directory.failing = true;
    const event = await created('judy', [webhook('/ok/judy')]);
    const stored = await waitFor(() => promptFor(event.data.request_id), 10_000, 'the prompt stored');
    expect(stored.delivery_status).toBe('queued');
    await h.restart();
    h.directory.failing = false;
    await settled(event.data.request_id, 'delivered');
    expect(arrivals('/ok/judy')).toHaveLength(1);
    expect(await h.q('SELECT 1 FROM $schema.processed_events WHERE "group" = $1 AND event_id = $2', [PROMPTS_GROUP, event.id])).toHaveLength(1);
  });
});
