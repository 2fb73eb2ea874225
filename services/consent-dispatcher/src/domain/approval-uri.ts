/** The hosted approval page of a prompt, for human-read channels: `<public URL>/device/approve/<prompt_id>?t=<decision_token>`. */
export function approvalUri(publicUrl: string, promptId: string, decisionToken: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/device/approve/${encodeURIComponent(promptId)}?t=${encodeURIComponent(decisionToken)}`;
}
