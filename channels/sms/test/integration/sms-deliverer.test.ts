import { sampleDelivery } from '../../../../libs/channel-kit/test/support/sample-offer.ts';
import type { SmsGatewayConfig } from '../../src/config.ts';
import { createSmsDeliverer } from '../../src/sms-deliverer.ts';
import { startSmsGateway, type SmsGateway } from '../support/sms-gateway.ts';

const OFFER_ID = '0b6f3e2a-8c1d-4f5e-9a7b-2d4c6e8f0a1b';
const SID = 'AC0123456789abcdef0123456789abcdef';
const delivery = () => sampleDelivery(OFFER_ID, { type: 'sms', phone: '+1 (555) 010-0199' });
const deadline = () => AbortSignal.timeout(20_000);
const TEXT = (d: ReturnType<typeof delivery>) => `Point of sale 7 asks you to approve a sign-in. Code: W4SP. Approve or deny: ${d.approval_uri}`;

describe('createSmsDeliverer against a loopback gateway', () => {
  let gateway: SmsGateway;
  beforeEach(async () => {
    gateway = await startSmsGateway();
  });
  afterEach(() => gateway.close());

  const json = (): SmsGatewayConfig => ({ kind: 'json', url: `${gateway.url}/v1/messages`, token: 'gw-token-123', from: 'CIBA', timeoutMs: 5000, production: false });
  const twilio = (): SmsGatewayConfig => ({ kind: 'twilio', baseUrl: gateway.url, accountSid: SID, authToken: 'twilio-auth-token', from: '+15550100000', timeoutMs: 5000, production: false });

  it('json: POSTs {to, from, text} with the bearer token; a 2xx is delivered', async () => {
    const d = delivery();
    expect(await createSmsDeliverer(json()).deliver(d, deadline())).toEqual({ delivered: true, statusCode: 201 });
    expect(gateway.hits).toHaveLength(1);
    const hit = gateway.hits[0]!;
    expect(hit).toMatchObject({ method: 'POST', url: '/v1/messages' });
    expect(hit.headers['authorization']).toBe('Bearer gw-token-123');
    expect(hit.headers['content-type']).toBe('application/json');
    expect(JSON.parse(hit.body)).toEqual({ to: '+15550100199', from: 'CIBA', text: TEXT(d) });
  });

  it("twilio: POSTs the form To, From, Body to /2010-04-01/Accounts/{sid}/Messages.json with basic auth sid:token", async () => {
    const d = delivery();
    expect(await createSmsDeliverer(twilio()).deliver(d, deadline())).toEqual({ delivered: true, statusCode: 201 });
    const hit = gateway.hits[0]!;
    expect(hit).toMatchObject({ method: 'POST', url: `/2010-04-01/Accounts/${SID}/Messages.json` });
    expect(hit.headers['authorization']).toBe(`Basic ${Buffer.from(`${SID}:twilio-auth-token`).toString('base64')}`);
    expect(hit.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(hit.body).toBe(
      'To=%2B15550100199&From=%2B15550100000&Body=Point+of+sale+7+asks+you+to+approve+a+sign-in.+Code%3A+W4SP.+Approve+or+deny%3A+' +
        `http%3A%2F%2F127.0.0.1%3A8080%2Fdevice%2Fapprove%2Fpr0mpt-id-0123456789abcdef%3Ft%3D${'d'.repeat(43)}`,
    );
    expect(Object.fromEntries(new URLSearchParams(hit.body))).toEqual({ To: '+15550100199', From: '+15550100000', Body: TEXT(d) });
  });

  it.each([429, 500, 503, 400, 401])('a %i from the gateway is rejected with the status', async (status) => {
    gateway.answer = status;
    expect(await createSmsDeliverer(twilio()).deliver(delivery(), deadline())).toEqual({ delivered: false, reason: 'rejected', statusCode: status });
  });

  it('a 302 is not followed: redirected', async () => {
    gateway.answer = 302;
    expect(await createSmsDeliverer(json()).deliver(delivery(), deadline())).toEqual({ delivered: false, reason: 'redirected', statusCode: 302 });
    expect(gateway.hits).toHaveLength(1);
  });

  it('a gateway that never answers: timeout at SMS_TIMEOUT_MS', async () => {
    gateway.answer = 'hang';
    expect(await createSmsDeliverer({ ...json(), timeoutMs: 300 }).deliver(delivery(), deadline())).toEqual({ delivered: false, reason: 'timeout' });
  });

  it('a gateway that never answers: timeout at the offer deadline (the signal)', async () => {
    gateway.answer = 'hang';
    expect(await createSmsDeliverer(json()).deliver(delivery(), AbortSignal.timeout(300))).toEqual({ delivered: false, reason: 'timeout' });
  });

  it('a refused connection is network_error', async () => {
    const config = json();
    await gateway.close();
    expect(await createSmsDeliverer(config).deliver(delivery(), deadline())).toEqual({ delivered: false, reason: 'network_error' });
  });

  it('production: an http gateway is url_refused and a loopback one address_refused, before any request', async () => {
    expect(await createSmsDeliverer({ ...json(), production: true }).deliver(delivery(), deadline())).toEqual({ delivered: false, reason: 'url_refused' });
    const https = { ...json(), url: gateway.url.replace('http:', 'https:'), production: true };
    expect(await createSmsDeliverer(https).deliver(delivery(), deadline())).toEqual({ delivered: false, reason: 'address_refused' });
    expect(gateway.hits).toEqual([]);
  });

  it('an offer for another kind of entry is not_configured', async () => {
    expect(await createSmsDeliverer(json()).deliver(sampleDelivery(OFFER_ID), deadline())).toEqual({ delivered: false, reason: 'not_configured' });
  });
});
