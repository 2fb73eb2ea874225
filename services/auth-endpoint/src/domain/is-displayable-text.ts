/**
 * Unicode letters, marks, numbers, punctuation, symbols and space separators only: no control or
 * format characters, no line or paragraph separators, no unassigned or private-use code points, and
 * no U+FFFD, which is what undecodable input (e.g. `%FF` in a form) turns into.
 */
const DISPLAYABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]*$/u;
const REPLACEMENT_CHARACTER = '\uFFFD';

/** Whether `text` can be shown as-is on an authentication device (CIBA Core §7.1 `binding_message`). */
export function isDisplayableText(text: string): boolean {
  return DISPLAYABLE.test(text) && !text.includes(REPLACEMENT_CHARACTER);
}
