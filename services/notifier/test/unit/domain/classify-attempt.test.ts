import { classifyAttempt } from '../../../src/domain/classify-attempt.ts';

describe('classifyAttempt', () => {
  it.each([200, 201, 202, 204, 299])('%i: delivered', (status) => {
    expect(classifyAttempt({ status })).toEqual({ kind: 'delivered' });
  });

  it.each([500, 502, 503, 504, 599, 429])('%i: retried', (status) => {
    expect(classifyAttempt({ status })).toEqual({ kind: 'retry' });
  });

  it('429 and 503 carry Retry-After as the minimum wait in milliseconds', () => {
    expect(classifyAttempt({ status: 429, retryAfterSeconds: 7 })).toEqual({ kind: 'retry', retryAfterMs: 7000 });
    expect(classifyAttempt({ status: 503, retryAfterSeconds: 0 })).toEqual({ kind: 'retry', retryAfterMs: 0 });
  });

  it.each([400, 401, 403, 404, 405, 408, 409, 410, 413, 422])('%i: final (rejected), never retried', (status) => {
    expect(classifyAttempt({ status, retryAfterSeconds: 1 })).toEqual({ kind: 'final', reason: 'rejected' });
  });

  it.each([300, 301, 302, 303, 307, 308])('%i: final (redirected): redirects are never followed', (status) => {
    expect(classifyAttempt({ status })).toEqual({ kind: 'final', reason: 'redirected' });
  });

  it.each(['outbound_timeout', 'outbound_network'])('%s: retried', (error) => {
    expect(classifyAttempt({ error })).toEqual({ kind: 'retry' });
  });

  it.each(['outbound_address', 'outbound_url'])('%s: final (endpoint_not_allowed)', (error) => {
    expect(classifyAttempt({ error })).toEqual({ kind: 'final', reason: 'endpoint_not_allowed' });
  });
});
