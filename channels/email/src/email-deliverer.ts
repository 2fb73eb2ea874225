import type { ChannelDeliverer } from '@ciba/channel-kit';
import { composeMail } from './compose-mail.ts';
import type { SmtpConfig } from './config.ts';
import { sendOverSmtp } from './send-over-smtp.ts';

/**
 * The `email` channel: mails the user a link to the hosted approval page (with the client's name,
 * the binding message, the scopes and the expiry) through the configured SMTP server. Delivered once
 * the server accepted the message (250); a 4xx or 5xx reply is `rejected`, no answer `timeout`, no
 * session `network_error`. An offer for another kind of entry is `not_configured`.
 */
export function createEmailDeliverer(config: SmtpConfig): ChannelDeliverer {
  return {
    channel: 'email',
    async deliver(delivery, signal) {
      if (delivery.channel.type !== 'email') return { delivered: false, reason: 'not_configured' };
      return sendOverSmtp(config, await composeMail(delivery, config.from), signal);
    },
  };
}
