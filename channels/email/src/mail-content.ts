import type { ChannelDelivery } from '@ciba/contracts';
import { escapeHtml } from './escape-html.ts';

/** The consent mail: subject, plain text and HTML alternatives. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

/** `2026-12-05 07:52 UTC`: one unambiguous form, whatever the reader's locale. */
function utc(iso: string): string {
  return `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * What the user reads: who asks, the binding message to compare with the requesting device, the
 * scopes, until when, and the link to the hosted approval page. The HTML part escapes every value
 * (a client name or binding message is text, never markup) and has no scripts, images or styles
 * fetched from anywhere.
 */
export function mailContent(delivery: ChannelDelivery): MailContent {
  const { prompt, approval_uri: link } = delivery;
  const client = prompt.client_name ?? prompt.client_id;
  const scopes = prompt.scope.split(' ').filter(Boolean);
  const expires = utc(prompt.expires_at);
  const text = [
    `${client} asks you to approve a sign-in.`,
    '',
    ...(prompt.binding_message !== undefined ? [`Code shown on the requesting device: ${prompt.binding_message}`] : []),
    `Access requested: ${scopes.join(', ')}`,
    `The request expires at ${expires}.`,
    '',
    `Review it and approve or deny: ${link}`,
    '',
    'If you did not start this, deny it or ignore this mail. The link works once.',
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Approve sign-in</title></head>
<body style="font-family: sans-serif; line-height: 1.5">
<p><strong>${escapeHtml(client)}</strong> asks you to approve a sign-in.</p>
${prompt.binding_message !== undefined ? `<p>Code shown on the requesting device: <strong>${escapeHtml(prompt.binding_message)}</strong></p>\n` : ''}<p>Access requested:</p>
<ul>${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
<p>The request expires at ${escapeHtml(expires)}.</p>
<p><a href="${escapeHtml(link)}">Review the request</a></p>
<p>If you did not start this, deny it or ignore this mail. The link works once.</p>
</body></html>
`;
  return { subject: `Approve sign-in to ${client.replace(/[\r\n\t]+/g, ' ').slice(0, 120)}`, text, html };
}
