import { randomBytes } from 'node:crypto';
import { deriveChannelKey } from '@ciba/channel-kit';
import { busLegs, offerOverBus } from '../../../../libs/channel-kit/test/support/offer-over-bus.ts';
import { sampleDelivery, sampleOffer } from '../../../../libs/channel-kit/test/support/sample-offer.ts';
import { createSmsDeliverer } from '../../src/sms-deliverer.ts';
import { startSmsGateway, type SmsGateway } from '../support/sms-gateway.ts';

const key = deriveChannelKey(new Uint8Array(randomBytes(32)), 'sms');
const SID = 'AC0123456789abcdef0123456789abcdef';
const smsOffer = () => sampleOffer(key, { channel: 'sms', delivery: (offerId) => sampleDelivery(offerId, { type: 'sms', phone: '+15550100199' }) });

describe.each(busLegs('sms channel over the bus').map((leg) => [leg.name, leg] as const))('sms channel over %s', (_name, leg) => {
  jest.setTimeout(90_000);
  let gateway: SmsGateway;
  beforeEach(async () => {
    gateway = await startSmsGateway();
  });
  afterEach(() => gateway.close());

  it('a sealed offer on ciba.channel-offers.sms becomes a Twilio Messages API call and a delivered outcome', async () => {
    const { bus, dispose } = leg.create();
    try {
      const deliverer = createSmsDeliverer({ kind: 'twilio', baseUrl: gateway.url, accountSid: SID, authToken: 'tok', from: '+15550100000', timeoutMs: 5000, production: false });
      const offer = await smsOffer();
      const outcome = await offerOverBus(bus, deliverer, key, offer);
      expect(outcome).toMatchObject({
        type: 'ciba.channel_offer.delivered.v1',
        source: '/channels/sms',
        data: { offer_id: offer.data.offer_id, channel: 'sms', status_code: 201 },
      });
      expect(JSON.stringify(outcome)).not.toContain('15550100199');
      expect(gateway.hits).toHaveLength(1);
      expect(new URLSearchParams(gateway.hits[0]!.body).get('To')).toBe('+15550100199');
    } finally {
      await dispose();
    }
  });

  it('a 503 from the gateway is answered failed rejected, for the dispatcher to fall back', async () => {
    gateway.answer = 503;
    const { bus, dispose } = leg.create();
    try {
      const deliverer = createSmsDeliverer({ kind: 'json', url: `${gateway.url}/sms`, token: 'gw', from: 'CIBA', timeoutMs: 5000, production: false });
      const offer = await smsOffer();
      expect(await offerOverBus(bus, deliverer, key, offer)).toMatchObject({ type: 'ciba.channel_offer.failed.v1', data: { offer_id: offer.data.offer_id, reason: 'rejected', status_code: 503 } });
    } finally {
      await dispose();
    }
  });
});
