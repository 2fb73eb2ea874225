import { Router } from 'express';

/** One dependency's readiness: resolves when it answers, rejects (or outlasts the timeout) when not. */
export type ReadinessCheck = () => Promise<void>;

export interface HealthRoutesOptions {
  /** Bound on each check; a check still running then counts as failing. @defaultValue 2000 */
  timeoutMs?: number;
}

/** How long `/readyz` waits for one dependency. */
export const READINESS_TIMEOUT_MS = 2000;

/**
 * `/healthz` (the process is alive) and `/readyz` (every dependency answers within `timeoutMs`), for
 * Kubernetes probes. `/readyz` runs the checks in parallel and answers 200 `{status: 'ok', checks}`
 * or 503 `{status: 'failing', checks}`, where `checks` names each dependency with `ok`, `failing` or
 * `timeout` (never the error itself: it may carry a connection string).
 */
export function healthRoutes(checks: Record<string, ReadinessCheck>, options: HealthRoutesOptions = {}): Router {
  const timeoutMs = options.timeoutMs ?? READINESS_TIMEOUT_MS;
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.set('Cache-Control', 'no-store').json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const results = await Promise.all(Object.entries(checks).map(async ([name, check]) => [name, await settle(check, timeoutMs)] as const));
    const ok = results.every(([, s]) => s === 'ok');
    res.status(ok ? 200 : 503).set('Cache-Control', 'no-store').json({ status: ok ? 'ok' : 'failing', checks: Object.fromEntries(results) });
  });
  return router;
}

async function settle(check: ReadinessCheck, timeoutMs: number): Promise<'ok' | 'failing' | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    return await Promise.race([
      Promise.resolve()
        .then(check)
        .then(() => 'ok' as const, () => 'failing' as const),
      timedOut,
    ]);
  } finally {
    clearTimeout(timer);
  }
}
