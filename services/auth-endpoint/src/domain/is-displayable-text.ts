/**
 * Unicode letters, marks, numbers, punctuation, symbols and space separators only: no control or
 * format characters, no line or paragraph separators, no unassigned or private-use code points.
 */
const DISPLAYABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]*$/u;

/** Whether `text` can be shown as-is on an authentication device (CIBA Core §7.1 `binding_message`). */
export function isDisplayableText(text: string): boolean {
  return DISPLAYABLE.test(text);
}
