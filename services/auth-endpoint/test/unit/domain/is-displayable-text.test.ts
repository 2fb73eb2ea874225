import { isDisplayableText } from '../../../src/domain/is-displayable-text.ts';

describe('isDisplayableText', () => {
  it.each(['W4SP', 'Pay 12,50 € to ACME?', 'Überweisung ½ — ok!', '東京 1234', 'e\u0301', '👍 ok'])('accepts %j', (text) => {
    expect(isDisplayableText(text)).toBe(true);
  });

  it.each(['line\nbreak', 'tab\there', 'nul\u0000', 'bell\u0007', 'del\u007f', 'rtl\u202eoverride', 'zero\u200bwidth', 'sep\u2028', 'private\ue000', 'bom\ufeff', 'bad \ufffd utf-8'])(
    'rejects %j',
    (text) => {
      expect(isDisplayableText(text)).toBe(false);
    },
  );
});
