import { randomBytes } from 'node:crypto';
import { deriveChannelKey } from '@ciba/channel-kit';
import { busLegs, offerOverBus } from '../../../../libs/channel-kit/test/support/offer-over-bus.ts';
import { sampleOffer } from '../../../../libs/channel-kit/test/support/sample-offer.ts';
import { createEmailDeliverer } from '../../src/email-deliverer.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const key = deriveChannelKey(new Uint8Array(randomBytes(32)), 'email');

describe.each(busLegs('email channel over the bus').map((leg) => [leg.name, leg] as const))('email channel over %s', (_name, leg) => {
  jest.setTimeout(90_000);
  let sink: SmtpSink;
  beforeEach(async () => {
    sink = await startSmtpSink({ tls: 'starttls' });
  });
  afterEach(() => sink.close());

  it('a sealed offer on ciba.channel-offers.email becomes a mail on the SMTP server and a delivered outcome', async () => {
    const { bus, dispose } = leg.create();
    try {
      const deliverer = createEmailDeliverer({ host: '127.0.0.1', port: sink.port, tls: 'starttls', rejectUnauthorized: false, from: 'no-reply@ciba.test', timeoutMs: 5000 });
      const offer = await sampleOffer(key);
      const outcome = await offerOverBus(bus, deliverer, key, offer);
      expect(outcome).toMatchObject({
        type: 'ciba.channel_offer.delivered.v1',
        source: '/channels/email',
        subject: offer.subject,
        data: { offer_id: offer.data.offer_id, prompt_id: offer.data.prompt_id, channel: 'email', status_code: 250 },
      });
      expect(JSON.stringify(outcome)).not.toContain('alice@example.com');
      expect(sink.mails).toHaveLength(1);
      expect(sink.mails[0]).toMatchObject({ to: ['alice@example.com'], secure: true });
      expect(sink.mails[0]!.parsed.text).toContain('http://127.0.0.1:8080/device/approve/pr0mpt-id-0123456789abcdef?t=');
    } finally {
      await dispose();
    }
  });

  it('a 550 from the server is answered failed rejected', async () => {
    await sink.close();
    sink = await startSmtpSink({ tls: 'none', rejectRcpt: 550 });
    const { bus, dispose } = leg.create();
    try {
      const deliverer = createEmailDeliverer({ host: '127.0.0.1', port: sink.port, tls: 'opportunistic', rejectUnauthorized: false, from: 'no-reply@ciba.test', timeoutMs: 5000 });
      const offer = await sampleOffer(key);
      expect(await offerOverBus(bus, deliverer, key, offer)).toMatchObject({
        type: 'ciba.channel_offer.failed.v1',
        data: { offer_id: offer.data.offer_id, reason: 'rejected', status_code: 550 },
      });
    } finally {
      await dispose();
    }
  });
});
