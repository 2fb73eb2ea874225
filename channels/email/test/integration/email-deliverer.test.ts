import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { sampleDelivery } from '../../../../libs/channel-kit/test/support/sample-offer.ts';
import type { SmtpConfig } from '../../src/config.ts';
import { createEmailDeliverer } from '../../src/email-deliverer.ts';
import { startSmtpSink, type SmtpSink } from '../support/smtp-sink.ts';

const OFFER_ID = '7d3b8a4e-2f4c-4d0e-9a51-3c6f0b2e8d17';

function smtp(port: number, overrides: Partial<SmtpConfig> = {}): SmtpConfig {
  return { host: '127.0.0.1', port, tls: 'opportunistic', rejectUnauthorized: false, from: 'CIBA <no-reply@ciba.test>', timeoutMs: 5000, ...overrides };
}

const deadline = () => AbortSignal.timeout(20_000);

describe('createEmailDeliverer against a real SMTP server on loopback', () => {
  let sink: SmtpSink | undefined;
  afterEach(async () => {
    await sink?.close();
    sink = undefined;
  });

  it('delivers the mail (250) with text and HTML parts naming the client, the scopes, the expiry and the approval link', async () => {
    sink = await startSmtpSink({ tls: 'none' });
    const delivery = sampleDelivery(OFFER_ID);
    const result = await createEmailDeliverer(smtp(sink.port)).deliver(delivery, deadline());
    expect(result).toEqual({ delivered: true, statusCode: 250 });
    expect(sink.mails).toHaveLength(1);
    const mail = sink.mails[0]!;
    expect(mail.from).toBe('no-reply@ciba.test');
    expect(mail.to).toEqual(['alice@example.com']);
    expect(mail.parsed.subject).toBe('Approve sign-in to Point of sale 7');
    expect(mail.parsed.headers.get('auto-submitted')).toBe('auto-generated');
    const text = mail.parsed.text ?? '';
    expect(text).toContain('Point of sale 7 asks you to approve a sign-in.');
    expect(text).toContain('Code shown on the requesting device: W4SP');
    expect(text).toContain('Access requested: openid, profile');
    expect(text).toContain(`The request expires at ${delivery.prompt.expires_at.slice(0, 16).replace('T', ' ')} UTC.`);
    expect(text).toContain(`Review it and approve or deny: ${delivery.approval_uri}`);
    const html = String(mail.parsed.html);
    expect(html).toContain('<strong>Point of sale 7</strong>');
    expect(html).toContain('<li>openid</li><li>profile</li>');
    expect(html).toContain(`<a href="${delivery.approval_uri}">Review the request</a>`);
  });

  it('escapes a binding message and client name carrying markup in the HTML part, and keeps them as text in the text part', async () => {
    sink = await startSmtpSink({ tls: 'none' });
    const base = sampleDelivery(OFFER_ID);
    const delivery = { ...base, prompt: { ...base.prompt, client_name: 'Shop "A" & <b>B</b>', binding_message: '<script>alert(1)</script>' } };
    expect(await createEmailDeliverer(smtp(sink.port)).deliver(delivery, deadline())).toEqual({ delivered: true, statusCode: 250 });
    const html = String(sink.mails[0]!.parsed.html);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<b>B</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Shop &quot;A&quot; &amp; &lt;b&gt;B&lt;/b&gt;');
    expect(sink.mails[0]!.parsed.text).toContain('Code shown on the requesting device: <script>alert(1)</script>');
  });

  it('SMTP_TLS=starttls upgrades the session and authenticates with SMTP_USER / SMTP_PASSWORD', async () => {
    sink = await startSmtpSink({ tls: 'starttls', auth: { user: 'mailer', pass: 's3cret-pass' } });
    const config = smtp(sink.port, { tls: 'starttls', auth: { user: 'mailer', pass: 's3cret-pass' } });
    expect(await createEmailDeliverer(config).deliver(sampleDelivery(OFFER_ID), deadline())).toEqual({ delivered: true, statusCode: 250 });
    expect(sink.mails[0]).toMatchObject({ secure: true, user: 'mailer' });
  });

  it('SMTP_TLS=implicit speaks TLS from the first byte', async () => {
    sink = await startSmtpSink({ tls: 'implicit' });
    expect(await createEmailDeliverer(smtp(sink.port, { tls: 'implicit' })).deliver(sampleDelivery(OFFER_ID), deadline())).toEqual({ delivered: true, statusCode: 250 });
    expect(sink.mails[0]!.secure).toBe(true);
  });

  it('SMTP_TLS=opportunistic upgrades when the server offers STARTTLS', async () => {
    sink = await startSmtpSink({ tls: 'starttls' });
    expect(await createEmailDeliverer(smtp(sink.port)).deliver(sampleDelivery(OFFER_ID), deadline())).toEqual({ delivered: true, statusCode: 250 });
    expect(sink.mails[0]!.secure).toBe(true);
  });

  it('SMTP_TLS=starttls refuses a server that does not offer STARTTLS: network_error, nothing sent in clear', async () => {
    sink = await startSmtpSink({ tls: 'none' });
    expect(await createEmailDeliverer(smtp(sink.port, { tls: 'starttls' })).deliver(sampleDelivery(OFFER_ID), deadline())).toEqual({ delivered: false, reason: 'network_error' });
    expect(sink.mails).toEqual([]);
  });

  it('an untrusted (self-signed) certificate fails the session when SMTP_TLS_REJECT_UNAUTHORIZED is true', async () => {
    sink = await startSmtpSink({ tls: 'starttls' });
    const result = await createEmailDeliverer(smtp(sink.port, { tls: 'starttls', rejectUnauthorized: true })).deliver(sampleDelivery(OFFER_ID), deadline());
    expect(result).toEqual({ delivered: false, reason: 'network_error' });
    expect(sink.mails).toEqual([]);
  });

  it('wrong credentials: the 535 is rejected', async () => {
    sink = await startSmtpSink({ tls: 'starttls', auth: { user: 'mailer', pass: 's3cret-pass' } });
    const config = smtp(sink.port, { tls: 'starttls', auth: { user: 'mailer', pass: 'wrong' } });
    expect(await createEmailDeliverer(config).deliver(sampleDelivery(OFFER_ID), deadline())).toEqual({ delivered: false, reason: 'rejected', statusCode: 535 });
  });

  it('a 550 for the recipient is rejected with its code', async () => {
    sink = await startSmtpSink({ tls: 'none', rejectRcpt: 550 });
    expect(await createEmailDeliverer(smtp(sink.port)).deliver(sampleDelivery(OFFER_ID), deadline())).toEqual({ delivered: false, reason: 'rejected', statusCode: 550 });
    expect(sink.mails).toEqual([]);
  });

  it('a 451 (try again later) is rejected with its code, for the dispatcher to fall back', async () => {
    sink = await startSmtpSink({ tls: 'none', rejectRcpt: 451 });
    expect(await createEmailDeliverer(smtp(sink.port)).deliver(sampleDelivery(OFFER_ID), deadline())).toEqual({ delivered: false, reason: 'rejected', statusCode: 451 });
  });

  it('a refused connection is network_error', async () => {
    const closed = await startSmtpSink({ tls: 'none' });
    await closed.close();
    expect(await createEmailDeliverer(smtp(closed.port)).deliver(sampleDelivery(OFFER_ID), deadline())).toEqual({ delivered: false, reason: 'network_error' });
  });

  it('a server that never greets: the offer deadline (the signal) ends the session as timeout', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (silent.address() as AddressInfo).port;
      expect(await createEmailDeliverer(smtp(port)).deliver(sampleDelivery(OFFER_ID), AbortSignal.timeout(300))).toEqual({ delivered: false, reason: 'timeout' });
    } finally {
      silent.close();
    }
  });

  it('an offer for another kind of entry is not_configured', async () => {
    const delivery = sampleDelivery(OFFER_ID, { type: 'sms', phone: '+15550100' });
    expect(await createEmailDeliverer(smtp(1)).deliver(delivery, deadline())).toEqual({ delivered: false, reason: 'not_configured' });
  });
});
