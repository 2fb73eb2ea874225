/** `<public URL>/device/decisions/<prompt_id>` (interfaces.md §4). */
export function decisionUri(publicUrl: string, promptId: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/device/decisions/${encodeURIComponent(promptId)}`;
}
