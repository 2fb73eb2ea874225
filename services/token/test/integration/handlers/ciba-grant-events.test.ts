import { randomUUID } from 'node:crypto';
import {
  AUTH_REQUEST_CREATED_V1,
  CONSENT_DENIED_V1,
  CONSENT_EXPIRED_V1,
  CONSENT_GRANTED_V1,
  TOPICS,
  type AuthRequestView,
} from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';
import { cibaGrantProjection } from '../../../src/adapters/db/ciba-grant-projection.ts';
import { handleCibaGrantEvent } from '../../../src/handlers/ciba-grant-events.ts';
import { CIBA_GRANTS_GROUP } from '../../../src/handlers/consumer-group.ts';
import { startConsumers } from '../../../src/handlers/start-consumers.ts';
import { startGrantsHarness, type GrantsHarness } from '../../support/grants-harness.ts';

let h: GrantsHarness;
beforeAll(async () => {
  h = await startGrantsHarness();
});
afterAll(() => h.close());

const SOURCE = '/services/test';
const created = (request: AuthRequestView) =>
  newEvent(TOPICS.authRequests, { type: AUTH_REQUEST_CREATED_V1, source: SOURCE, subject: request.request_id, data: { ...request, binding_message: 'W4SP' } });
const decision = (request: AuthRequestView, type: typeof CONSENT_GRANTED_V1 | typeof CONSENT_DENIED_V1, overrides: Partial<{ client_id: string; sub: string }> = {}) =>
  newEvent(TOPICS.consentDecisions, {
    type,
    source: SOURCE,
    subject: request.request_id,
    data: { request_id: request.request_id, prompt_id: 'p-1', client_id: request.client_id, sub: request.sub, decided_at: '2026-11-22T10:00:00.000Z', ...overrides },
  });
const expired = (request: AuthRequestView) =>
  newEvent(TOPICS.consentDecisions, {
    type: CONSENT_EXPIRED_V1,
    source: SOURCE,
    subject: request.request_id,
    data: { request_id: request.request_id, prompt_id: 'p-1', client_id: request.client_id, sub: request.sub, expired_at: new Date().toISOString() },
  });

const row = (requestId: string) => h.db.cibaGrant.findUnique({ where: { requestId } });
const processed = (eventId: string) => h.db.processedEvent.count({ where: { consumerGroup: CIBA_GRANTS_GROUP, eventId } });

describe('startConsumers', () => {
  it('subscribes group token.ciba-grants to the auth-requests and consent-decisions topics', async () => {
    const subscriptions = await startConsumers(h.ctx);
    expect(subscriptions).toHaveLength(1);
    const subscription = h.subscriptions.at(-1)!;
    expect(subscription).toMatchObject({ group: 'token.ciba-grants', topics: ['ciba.auth-requests', 'ciba.consent-decisions'] });
    const { request } = h.newRequest();
    await subscription.handler(created(request), { topic: TOPICS.authRequests, key: request.request_id, partition: 0, position: '1-0', attempt: 1 });
    expect(await row(request.request_id)).toMatchObject({ status: 'pending' });
  });
});

describe('ciba.auth_request.created.v1', () => {
  it('projects a pending grant, once, and records the event', async () => {
    const { request } = h.newRequest({ acr_values: 'urn:acr:high' });
    const event = created(request);
    await handleCibaGrantEvent(h.ctx, event);
    await handleCibaGrantEvent(h.ctx, event);
    await handleCibaGrantEvent(h.ctx, created(request)); // the same request again under another event id
    expect(await row(request.request_id)).toMatchObject({
      authReqIdHash: request.auth_req_id_hash,
      clientId: 'rp-1',
      sub: 'alice',
      scope: 'openid profile email',
      acrValues: 'urn:acr:high',
      deliveryMode: 'poll',
      interval: 5,
      status: 'pending',
      expiresAt: new Date(request.expires_at),
    });
    expect(await processed(event.id)).toBe(1);
  });
});

describe('ciba.auth_request.created.v1 handled concurrently (one batch)', () => {
  it('projects each request of the batch once, a copy of an event in the same batch included', async () => {
    const requests = Array.from({ length: 5 }, (_, i) => h.newRequest(i % 2 ? {} : { acr_values: 'urn:acr:high' }).request);
    const events = requests.map(created);
    await Promise.all([...events, events[0]!].map((event) => handleCibaGrantEvent(h.ctx, event)));
    for (const [i, request] of requests.entries()) {
      expect(await row(request.request_id)).toMatchObject({
        authReqIdHash: request.auth_req_id_hash,
        sub: request.sub,
        acrValues: i % 2 ? null : 'urn:acr:high',
        status: 'pending',
        expiresAt: new Date(request.expires_at),
        requestedAt: new Date(request.requested_at),
      });
      expect(await processed(events[i]!.id)).toBe(1);
    }
  });

  it('projects the batch-mates of a request a decision got to first', async () => {
    const [first, second] = [h.newRequest().request, h.newRequest().request];
    await handleCibaGrantEvent(h.ctx, created(first));
    await handleCibaGrantEvent(h.ctx, decision(first, CONSENT_GRANTED_V1));
    await Promise.all([handleCibaGrantEvent(h.ctx, created(first)), handleCibaGrantEvent(h.ctx, created(second))]);
    expect(await row(first.request_id)).toMatchObject({ status: 'approved' });
    expect(await row(second.request_id)).toMatchObject({ status: 'pending' });
  });
});

describe('ciba.consent.granted.v1 / ciba.consent.denied.v1', () => {
  it('approves a pending grant with the decision time', async () => {
    const { request } = h.newRequest();
    await handleCibaGrantEvent(h.ctx, created(request));
    const event = decision(request, CONSENT_GRANTED_V1);
    await handleCibaGrantEvent(h.ctx, event);
    expect(await row(request.request_id)).toMatchObject({ status: 'approved', decidedAt: new Date('2026-11-22T10:00:00.000Z') });
    expect(await processed(event.id)).toBe(1);
  });

  it('denies a pending grant', async () => {
    const { request } = h.newRequest();
    await handleCibaGrantEvent(h.ctx, created(request));
    await handleCibaGrantEvent(h.ctx, decision(request, CONSENT_DENIED_V1));
    expect(await row(request.request_id)).toMatchObject({ status: 'denied' });
  });

  it('fetches the request from auth-endpoint when the decision overtakes the created event', async () => {
    const { request } = h.newRequest();
    h.authRequests.add(request);
    await handleCibaGrantEvent(h.ctx, decision(request, CONSENT_GRANTED_V1));
    expect(await row(request.request_id)).toMatchObject({ status: 'approved', authReqIdHash: request.auth_req_id_hash });
    await handleCibaGrantEvent(h.ctx, created(request));
    expect(await row(request.request_id)).toMatchObject({ status: 'approved' });
  });

  it('never regresses a redeemed or decided grant, nor applies a replayed decision twice', async () => {
    const { request } = h.newRequest();
    await h.seedGrant(request, { status: 'redeemed' });
    await handleCibaGrantEvent(h.ctx, decision(request, CONSENT_DENIED_V1));
    expect(await row(request.request_id)).toMatchObject({ status: 'redeemed' });

    const other = h.newRequest().request;
    await handleCibaGrantEvent(h.ctx, created(other));
    await handleCibaGrantEvent(h.ctx, decision(other, CONSENT_DENIED_V1));
    await handleCibaGrantEvent(h.ctx, decision(other, CONSENT_GRANTED_V1));
    expect(await row(other.request_id)).toMatchObject({ status: 'denied' });
  });

  it('ignores a decision that does not match its request, or that no one knows', async () => {
    const { request } = h.newRequest();
    await handleCibaGrantEvent(h.ctx, created(request));
    const forged = decision(request, CONSENT_GRANTED_V1, { sub: 'mallory' });
    await handleCibaGrantEvent(h.ctx, forged);
    expect(await row(request.request_id)).toMatchObject({ status: 'pending' });
    expect(await processed(forged.id)).toBe(1);

    const unknown = { ...h.newRequest().request, request_id: randomUUID() };
    const orphan = decision(unknown, CONSENT_GRANTED_V1);
    await handleCibaGrantEvent(h.ctx, orphan);
    expect(await row(unknown.request_id)).toBeNull();
    expect(await processed(orphan.id)).toBe(1);
  });

  it('leaves the event unrecorded when auth-endpoint cannot be asked, so the bus redelivers it', async () => {
    const { request } = h.newRequest();
    const failing = { ...h.ctx, authRequests: { ...h.authRequests, findByRequestId: async () => Promise.reject(new Error('auth-endpoint unreachable')) } };
    const event = decision(request, CONSENT_GRANTED_V1);
    await expect(handleCibaGrantEvent(failing, event)).rejects.toThrow('auth-endpoint unreachable');
    expect(await processed(event.id)).toBe(0);
  });
});

describe('consent decisions applied together (one batch)', () => {
  it('gives each decision what it would get alone, a second decision for the same request after the first', async () => {
    const [approved, raced, forged, replayed, expiredLate, unknown] = Array.from({ length: 6 }, () => h.newRequest().request);
    for (const request of [approved, raced, forged, replayed]) await handleCibaGrantEvent(h.ctx, created(request!));
    await h.seedGrant(expiredLate!, { status: 'approved' });
    const projection = cibaGrantProjection(h.ctx.pool);
    const apply = (request: AuthRequestView, eventId: string, status: 'approved' | 'denied' | 'expired', sub = request.sub) =>
      projection.applyDecision(CIBA_GRANTS_GROUP, eventId, request.request_id, status, new Date('2026-11-22T10:00:00.000Z'), { clientId: request.client_id, sub });
    const replayedEvent = randomUUID();
    const query = jest.spyOn(h.ctx.pool, 'query');
    const outcomes = await Promise.all([
      apply(approved!, randomUUID(), 'approved'),
      apply(raced!, randomUUID(), 'denied'),
      apply(raced!, randomUUID(), 'approved'),
      apply(forged!, randomUUID(), 'approved', 'mallory'),
      apply(replayed!, replayedEvent, 'approved'),
      apply(replayed!, replayedEvent, 'approved'),
      projection.applyDecision(CIBA_GRANTS_GROUP, randomUUID(), expiredLate!.request_id, 'expired', null, null),
      apply(unknown!, randomUUID(), 'approved'),
    ]);
    const statements = query.mock.calls.filter(([config]) => (config as { name?: string }).name === 'token.apply-decisions');
    query.mockRestore();
    expect(outcomes).toEqual([
      { kind: 'recorded', applied: true, status: 'pending', matches: true },
      { kind: 'recorded', applied: true, status: 'pending', matches: true },
      { kind: 'recorded', applied: false, status: 'denied', matches: true },
      { kind: 'recorded', applied: false, status: 'pending', matches: false },
      { kind: 'recorded', applied: true, status: 'pending', matches: true },
      { kind: 'replayed' },
      { kind: 'recorded', applied: false, status: 'approved', matches: true },
      { kind: 'unknown_request' },
    ]);
    expect(statements).toHaveLength(2);
    expect(await row(approved!.request_id)).toMatchObject({ status: 'approved', decidedAt: new Date('2026-11-22T10:00:00.000Z') });
    expect(await row(raced!.request_id)).toMatchObject({ status: 'denied' });
    expect(await row(forged!.request_id)).toMatchObject({ status: 'pending' });
    expect(await row(replayed!.request_id)).toMatchObject({ status: 'approved' });
    expect(await processed(replayedEvent)).toBe(1);
    expect(await row(expiredLate!.request_id)).toMatchObject({ status: 'approved' });
    expect(await row(unknown!.request_id)).toBeNull();
  });
});

describe('ciba.consent.expired.v1', () => {
  it('expires a pending grant only', async () => {
    const pending = h.newRequest().request;
    await handleCibaGrantEvent(h.ctx, created(pending));
    await handleCibaGrantEvent(h.ctx, expired(pending));
    expect(await row(pending.request_id)).toMatchObject({ status: 'expired' });

    const approved = h.newRequest().request;
    await h.seedGrant(approved, { status: 'approved' });
    await handleCibaGrantEvent(h.ctx, expired(approved));
    expect(await row(approved.request_id)).toMatchObject({ status: 'approved' });
  });
});
