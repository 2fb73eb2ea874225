import { escapeHtml } from './escape-html.ts';
import { scopeLabels } from './scope-labels.ts';

export interface PromptPageView {
  promptId: string;
  clientName: string;
  bindingMessage?: string;
  scope: string;
  expiresAt: Date;
  token: string;
  csrf: string;
}

/** `07:52 UTC` (or the date too when it is not today, UTC). */
function expiry(at: Date, now: Date): string {
  const iso = at.toISOString();
  return iso.slice(0, 10) === now.toISOString().slice(0, 10) ? `${iso.slice(11, 16)} UTC` : `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/**
 * The question: who asks, the code to compare with the requesting device, what for, until when, and
 * the two answers in one form (decision token and CSRF token as hidden fields). The form posts to
 * the page's own path, relative so the page works behind a path prefix.
 */
export function promptPage(view: PromptPageView, now: Date): { title: string; body: string } {
  const client = escapeHtml(view.clientName);
  const binding =
    view.bindingMessage !== undefined
      ? `<p>Check that the requesting device shows this code:<span class="code" id="binding-message">${escapeHtml(view.bindingMessage)}</span></p>\n`
      : '';
  const scopes = scopeLabels(view.scope)
    .map((label) => `<li>${escapeHtml(label)}</li>`)
    .join('');
  return {
    title: `Approve sign-in to ${view.clientName}?`,
    body: `<h1>Approve sign-in to <span id="client-name">${client}</span>?</h1>
${binding}<p id="scopes-label">${client} asks for:</p>
<ul aria-labelledby="scopes-label">${scopes}</ul>
<p class="muted">This request expires at ${escapeHtml(expiry(view.expiresAt, now))}. If you did not start it, deny it.</p>
<form method="post" action="${escapeHtml(view.promptId)}">
<input type="hidden" name="t" value="${escapeHtml(view.token)}">
<input type="hidden" name="csrf" value="${escapeHtml(view.csrf)}">
<fieldset>
<legend>Your answer</legend>
<div class="actions">
<button type="submit" class="approve" name="decision" value="approve">Approve</button>
<button type="submit" class="deny" name="decision" value="deny">Deny</button>
</div>
</fieldset>
</form>`,
  };
}
