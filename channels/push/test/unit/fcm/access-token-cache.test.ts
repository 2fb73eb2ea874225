import { accessTokenCache } from '../../../src/fcm/access-token-cache.ts';
import type { AccessToken } from '../../../src/fcm/request-access-token.ts';

/** A token source the test settles by hand: each fetch waits until `settle` is called. */
function manualSource() {
  const pending: Array<{ resolve: (t: AccessToken) => void; reject: (e: Error) => void }> = [];
  let n = 0;
  return {
    fetch: () => new Promise<AccessToken>((resolve, reject) => void pending.push({ resolve, reject })),
    get fetches() {
      return pending.length;
    },
    settle: (expiresIn = 3600) => pending.shift()!.resolve({ accessToken: `token-${++n}`, expiresIn }),
    fail: () => pending.shift()!.reject(new Error('token endpoint down')),
  };
}

const live = () => new AbortController().signal;

describe('accessTokenCache', () => {
  it('callers waiting while a fetch is in flight share it', async () => {
    const source = manualSource();
    const cache = accessTokenCache(source.fetch, () => 0);
    const waiting = [cache.get(live()), cache.get(live()), cache.get(live())];
    expect(source.fetches).toBe(1);
    source.settle();
    await expect(Promise.all(waiting)).resolves.toEqual(['token-1', 'token-1', 'token-1']);
  });

  it('a caller whose signal aborts stops waiting; the fetch goes on for the others and is cached', async () => {
    const source = manualSource();
    const cache = accessTokenCache(source.fetch, () => 0);
    const gone = new AbortController();
    const impatient = cache.get(gone.signal);
    const patient = cache.get(live());
    gone.abort(new DOMException('deadline', 'TimeoutError'));
    await expect(impatient).rejects.toMatchObject({ name: 'TimeoutError' });
    source.settle();
    await expect(patient).resolves.toBe('token-1');
    await expect(cache.get(live())).resolves.toBe('token-1');
    expect(source.fetches).toBe(0);
  });

  it('an aborted signal does not start a fetch', async () => {
    const source = manualSource();
    const cache = accessTokenCache(source.fetch, () => 0);
    await expect(cache.get(AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    expect(source.fetches).toBe(0);
  });

  it('a failed fetch reaches every waiter and is not cached', async () => {
    const source = manualSource();
    const cache = accessTokenCache(source.fetch, () => 0);
    const waiting = [cache.get(live()), cache.get(live())];
    source.fail();
    for (const w of waiting) await expect(w).rejects.toThrow('token endpoint down');
    const next = cache.get(live());
    expect(source.fetches).toBe(1);
    source.settle();
    await expect(next).resolves.toBe('token-1');
  });

  it('a short-lived token is refreshed at half its life', async () => {
    const source = manualSource();
    let clock = 0;
    const cache = accessTokenCache(source.fetch, () => clock);
    const first = cache.get(live());
    source.settle(60);
    await first;
    clock = 29_999;
    await expect(cache.get(live())).resolves.toBe('token-1');
    clock = 30_000;
    const second = cache.get(live());
    source.settle(60);
    await expect(second).resolves.toBe('token-2');
  });

  it('invalidate drops only the token it names', async () => {
    const source = manualSource();
    const cache = accessTokenCache(source.fetch, () => 0);
    const first = cache.get(live());
    source.settle();
    await first;
    cache.invalidate('some-older-token');
    await expect(cache.get(live())).resolves.toBe('token-1');
    cache.invalidate('token-1');
    const again = cache.get(live());
    expect(source.fetches).toBe(1);
    source.settle();
    await expect(again).resolves.toBe('token-2');
  });
});
