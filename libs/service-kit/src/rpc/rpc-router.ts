import { Router } from 'express';
import { InvalidRequest, NotFound } from '@ciba/contracts/oauth-errors';
import { jsonBody } from '../http/form-body.ts';
import { requireAdmin } from '../http/require-admin.ts';
import type { RpcSchema } from './rpc-schema.ts';

/**
 * Serves a port to services running apart: `POST <mount>/<method>` with `{ "args": [...] }` answers
 * `{ "result": ... }`; an `OAuthError` raised by the owner goes out as an ordinary error response, so
 * the caller can raise the same error. Arguments and results are checked against the port's schema.
 */
export function rpcRouter<S extends RpcSchema>(schema: S, impl: { [M in keyof S]: (...args: never[]) => Promise<unknown> }, internalToken: string): Router {
  const router = Router();
  router.post('/:method', requireAdmin(internalToken), jsonBody(256 * 1024), async (req, res) => {
    const method = req.params.method as string;
    if (!Object.hasOwn(schema, method)) throw new NotFound(`no such method ${method}`);
    const spec = schema[method]!;
    const args = spec.args.safeParse((req.body as { args?: unknown })?.args);
    if (!args.success) throw new InvalidRequest(`invalid arguments for ${method}`);
    const fn = impl[method as keyof S] as (...a: unknown[]) => Promise<unknown>;
    const result = spec.result.parse(await fn.apply(impl, args.data));
    res.set('Cache-Control', 'no-store').json({ result: result ?? null });
  });
  return router;
}
