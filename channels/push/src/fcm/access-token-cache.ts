import type { AccessToken } from './request-access-token.ts';

/** Refresh this long before expiry (at most half the token's life), so no send carries a dying token. */
const REFRESH_MARGIN_MS = 60_000;

export interface AccessTokenCache {
  /** A live access token: the cached one, or one fetched now (one fetch shared by concurrent callers). */
  get(signal: AbortSignal): Promise<string>;
  /** Drops `token` from the cache (the provider refused it); a newer token is kept. */
  invalidate(token: string): void;
}

/**
 * Caches the access token until shortly before it expires. Concurrent callers share one in-flight
 * fetch; a caller whose signal aborts stops waiting without cancelling the fetch the others wait for.
 * A failed fetch is not cached: the next call tries again.
 */
export function accessTokenCache(fetchToken: () => Promise<AccessToken>, now: () => number): AccessTokenCache {
  let cached: { token: string; refreshAt: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const refresh = () => {
    inFlight ??= (async () => {
      try {
        const fetchedAt = now();
        const { accessToken, expiresIn } = await fetchToken();
        cached = { token: accessToken, refreshAt: fetchedAt + expiresIn * 1000 - Math.min(REFRESH_MARGIN_MS, expiresIn * 500) };
        return accessToken;
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  return {
    get(signal) {
      if (cached && now() < cached.refreshAt) return Promise.resolve(cached.token);
      if (signal.aborted) return Promise.reject(signal.reason);
      return untilAborted(refresh(), signal);
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}

/** `promise`, or the signal's reason once it aborts, whichever comes first. */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => (signal.removeEventListener('abort', onAbort), resolve(value)),
      (err: unknown) => (signal.removeEventListener('abort', onAbort), reject(err)),
    );
  });
}
