import type { DeviceDecisionStatus } from '@ciba/contracts/api/device-decision';
import { escapeHtml } from './escape-html.ts';

/**
 * The prompt's decision: just made here (`already` false), or made before (a used link, the other
 * button, another device).
 */
export function resultPage(status: DeviceDecisionStatus, clientName: string | undefined, already: boolean): { title: string; body: string } {
  const verb = status === 'approved' ? 'approved' : 'denied';
  const title = already ? `Already ${verb}` : status === 'approved' ? 'Sign-in approved' : 'Sign-in denied';
  const who = clientName !== undefined ? ` to ${escapeHtml(clientName)}` : '';
  const text = already
    ? `This sign-in request was already ${verb}. Nothing more to do here.`
    : status === 'approved'
      ? `You approved the sign-in${who}. You can close this page and go back to the requesting device.`
      : `You denied the sign-in${who}. The requesting device will not be signed in.`;
  return { title, body: `<h1>${escapeHtml(title)}</h1>\n<p class="result" role="status">${text}</p>` };
}
