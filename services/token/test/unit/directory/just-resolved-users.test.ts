import { justResolvedUsers } from '../../../src/directory/just-resolved-users.ts';

const alice = { sub: 'alice', claims: { name: 'Alice' }, channels: [], userCodeHash: null };
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('justResolvedUsers', () => {
  it('recall: the user remembered in this turn, for its sub only', async () => {
    const users = justResolvedUsers();
    users.remember(alice);
    await Promise.resolve();
    expect(users.recall('alice')).toBe(alice);
    expect(users.recall('bob')).toBeUndefined();
  });

  it('recall: nothing once the turn has ended, and again only what a later turn remembered', async () => {
    const users = justResolvedUsers();
    users.remember(alice);
    await nextTurn();
    expect(users.recall('alice')).toBeUndefined();
    const again = { ...alice, claims: { name: 'Alice 2' } };
    users.remember(again);
    expect(users.recall('alice')).toBe(again);
    await nextTurn();
    expect(users.recall('alice')).toBeUndefined();
  });
});
