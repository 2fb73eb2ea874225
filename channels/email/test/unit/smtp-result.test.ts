import { replyCode, smtpFailure } from '../../src/smtp-result.ts';

describe('smtpFailure', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550 }, { delivered: false, reason: 'rejected', statusCode: 550 }],
    [{ code: 'EENVELOPE', responseCode: 451 }, { delivered: false, reason: 'rejected', statusCode: 451 }],
    [{ code: 'EAUTH', responseCode: 535 }, { delivered: false, reason: 'rejected', statusCode: 535 }],
    [{ code: 'ETLS', responseCode: 500 }, { delivered: false, reason: 'network_error' }],
    [{ code: 'ETIMEDOUT' }, { delivered: false, reason: 'timeout' }],
    [{ code: 'ECONNECTION' }, { delivered: false, reason: 'network_error' }],
    [{ code: 'EDNS' }, { delivered: false, reason: 'network_error' }],
    [{ code: 'EPROTOCOL' }, { delivered: false, reason: 'rejected' }],
  ])('%j → %j', (err, result) => {
    expect(smtpFailure(Object.assign(new Error('x'), err))).toEqual(result);
  });
});

describe('replyCode', () => {
  it.each([
    ['250 2.0.0 OK: queued as 123', 250],
    ['250-first line', 250],
    ['OK', undefined],
    [undefined, undefined],
  ])('%j → %j', (response, code) => {
    expect(replyCode(response)).toBe(code);
  });
});
