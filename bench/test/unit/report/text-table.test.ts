import { textTable } from '../../../src/report/text-table.ts';

describe('textTable', () => {
  it('pads the first column left, the others right, with a rule under the header', () => {
    expect(textTable(['name', 'n'], [['a', '1'], ['longer', '100']])).toBe(['name      n', '------  ---', 'a         1', 'longer  100'].join('\n'));
  });
});
