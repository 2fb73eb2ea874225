import type { ChannelDelivery } from '@ciba/contracts';
import { smsSegments } from './sms-segments.ts';

/** Segments the message should fit in; the link and binding message are never cut to reach it. */
export const SMS_MAX_SEGMENTS = 2;

const compose = (client: string, binding: string | undefined, link: string) =>
  `${client} asks you to approve a sign-in.${binding !== undefined ? ` Code: ${binding}.` : ''} Approve or deny: ${link}`;

/**
 * The SMS: the client's name, the binding message to compare with the requesting device, and the
 * approval link. It aims at two segments: a long client name is shortened (`...`) to get there. The
 * binding message and the link are kept whole even when that takes a third segment.
 */
export function smsText(delivery: ChannelDelivery): string {
  const { prompt, approval_uri: link } = delivery;
  const client = (prompt.client_name ?? prompt.client_id).replace(/\s+/g, ' ').trim();
  const binding = prompt.binding_message?.replace(/\s+/g, ' ').trim();
  let text = compose(client, binding, link);
  for (let keep = client.length - 1; smsSegments(text) > SMS_MAX_SEGMENTS && keep >= 8; keep--) {
    text = compose(`${client.slice(0, keep).trimEnd()}...`, binding, link);
  }
  return text;
}
