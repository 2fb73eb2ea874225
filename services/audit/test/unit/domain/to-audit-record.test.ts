import { randomUUID } from 'node:crypto';
import { TOPICS } from '@ciba/contracts';
import { newEvent } from '@ciba/event-bus';
import { toAuditRecord } from '../../../src/domain/to-audit-record.ts';

const requestId = randomUUID();
const at = new Date('2026-12-05T12:00:00Z');

describe('toAuditRecord', () => {
  it('a created request: the client acted, for the user; binding message and the auth_req_id hash stay out', () => {
    const event = newEvent(TOPICS.authRequests, {
      type: 'ciba.auth_request.created.v1',
      source: '/services/auth-endpoint',
      subject: requestId,
      time: at,
      data: {
        request_id: requestId,
        auth_req_id_hash: 'h'.repeat(43),
        client_id: 'rp-1',
        sub: 'alice',
        scope: 'openid',
        binding_message: 'SECRET-ISH',
        delivery_mode: 'poll',
        interval: 5,
        expires_at: at.toISOString(),
        requested_at: at.toISOString(),
      },
    });
    const record = toAuditRecord(event);
    expect(record).toEqual({
      eventId: event.id,
      occurredAt: at,
      category: 'auth_request',
      action: 'ciba.auth_request.created.v1',
      actor: 'client:rp-1',
      source: '/services/auth-endpoint',
      requestId,
      clientId: 'rp-1',
      sub: 'alice',
      target: null,
      address: null,
      correlationId: requestId,
      details: { delivery_mode: 'poll', scope: 'openid', expires_at: at.toISOString() },
    });
    expect(JSON.stringify(record)).not.toMatch(/SECRET-ISH|hhhhhhhh/);
  });

  it('a decision: the user acted; an expiry: the system did', () => {
    const data = { request_id: requestId, prompt_id: 'p-1', client_id: 'rp-1', sub: 'alice', decided_at: at.toISOString() };
    const granted = toAuditRecord(newEvent(TOPICS.consentDecisions, { type: 'ciba.consent.granted.v1', source: '/services/consent-dispatcher', subject: requestId, data }));
    expect(granted).toMatchObject({ category: 'auth_request', actor: 'user:alice', sub: 'alice', clientId: 'rp-1', details: { prompt_id: 'p-1' } });
  });

  it('tokens issued: no token identifier enters the record', () => {
    const record = toAuditRecord(
      newEvent(TOPICS.tokens, {
        type: 'ciba.tokens.issued.v1',
        source: '/services/token',
        subject: requestId,
        data: { request_id: requestId, client_id: 'rp-1', grant_type: 'urn:openid:params:grant-type:ciba', access_token_jti: 'jti-secretish', refresh_token_issued: true },
      }),
    );
    expect(record).toMatchObject({ category: 'token', actor: 'client:rp-1', sub: null, details: { refresh_token_issued: true } });
    expect(JSON.stringify(record)).not.toContain('jti-secretish');
  });

  it('an operator change: who, what, from where and the correlation id', () => {
    const event = newEvent(TOPICS.adminChanges, {
      type: 'ciba.admin.changed.v1',
      source: '/services/token',
      subject: 'alice',
      data: { action: 'user.deleted', target: 'alice', actor: 'admin-token', address: '10.0.0.7', correlation_id: 'req-42' },
    });
    expect(toAuditRecord(event)).toMatchObject({ category: 'admin', action: 'user.deleted', actor: 'operator:admin-token', sub: 'alice', target: 'alice', address: '10.0.0.7', correlationId: 'req-42', requestId: null });
    const registered = toAuditRecord(
      newEvent(TOPICS.adminChanges, { type: 'ciba.admin.changed.v1', source: '/services/token', subject: 'c-1', data: { action: 'client.registered', target: 'c-1', actor: 'initial-access-token', correlation_id: 'x' } }),
    );
    expect(registered).toMatchObject({ clientId: 'c-1', sub: null, address: null });
  });

  it('a dead letter: the excerpt and detail of the message never enter the record', () => {
    const record = toAuditRecord(
      newEvent(TOPICS.deadLetters, {
        type: 'ciba.event.dead_lettered.v1',
        source: '/libs/event-bus',
        subject: 'k',
        data: { topic: 'ciba.tokens', group: 'g', reason: 'handler_failed', detail: 'boom with secret', original_excerpt: '{"token":"x"}', attempts: 5 },
      }),
    );
    expect(record.details).toEqual({ group: 'g', topic: 'ciba.tokens', reason: 'handler_failed', attempts: 5 });
    expect(JSON.stringify(record)).not.toMatch(/boom|token":/);
  });
});
