import MailComposer from 'nodemailer/lib/mail-composer';
import type { ChannelDelivery } from '@ciba/contracts';
import { mailContent } from './mail-content.ts';
import type { OutgoingMail } from './send-over-smtp.ts';

/**
 * The consent mail to the user's address as RFC 5322 bytes (multipart/alternative: text, then
 * HTML), with its envelope. Marked `Auto-Submitted: auto-generated` (RFC 3834) so auto-responders
 * stay quiet.
 */
export async function composeMail(delivery: ChannelDelivery, from: string): Promise<OutgoingMail> {
  if (delivery.channel.type !== 'email') throw new TypeError('not an email channel entry');
  const content = mailContent(delivery);
  const node = new MailComposer({
    from,
    to: delivery.channel.address,
    subject: content.subject,
    text: content.text,
    html: content.html,
    headers: { 'Auto-Submitted': 'auto-generated' },
  }).compile();
  const envelope = node.getEnvelope();
  return { from: envelope.from || '', to: delivery.channel.address, message: await node.build() };
}
