import { hotSpots, packageOf } from '../../../src/profile/summarize-profile.ts';

describe('packageOf', () => {
  it.each([
    ['file:///work/main/node_modules/@prisma/client/runtime/client.js', '@prisma/client'],
    ['file:///work/main/node_modules/pg/lib/client.js', 'pg'],
    ['node:internal/streams/writable', 'node internals'],
    ['file:///work/main/services/token/src/service.ts', 'services/token'],
    ['file:///work/main/libs/event-bus/src/index.ts', 'libs/event-bus'],
    ['', '(native/VM)'],
  ])('%s → %s', (url, pkg) => {
    expect(packageOf(url)).toBe(pkg);
  });
});

describe('hotSpots', () => {
  // root → a → b (leaf), root → c (leaf); samples weighted by timeDeltas
  const frame = (functionName: string, url = '') => ({ functionName, url, lineNumber: 0 });
  const profile = {
    nodes: [
      { id: 1, callFrame: frame('(root)'), children: [2, 4] },
      { id: 2, callFrame: frame('a', 'file:///w/services/x/src/a.ts'), children: [3] },
      { id: 3, callFrame: frame('b', 'file:///w/node_modules/pg/lib/b.js') },
      { id: 4, callFrame: frame('c', 'file:///w/libs/y/src/c.ts') },
    ],
    samples: [3, 3, 4, 3],
    timeDeltas: [10, 10, 20, 20],
  };

  it('self time per frame and package, total time per frame on the stack, own code apart', () => {
    const spots = hotSpots(profile);
    expect(spots.bySelf[0]).toEqual({ frame: 'b (pg/lib/b.js:1)', self: 40 / 60, total: 40 / 60 });
    expect(spots.byPackage).toEqual([{ package: 'pg', self: 40 / 60 }, { package: 'libs/y', self: 20 / 60 }]);
    expect(spots.ownCode.map((h) => [h.frame, h.total])).toEqual([['a (services/x/src/a.ts:1)', 40 / 60], ['c (libs/y/src/c.ts:1)', 20 / 60]]);
  });
});
