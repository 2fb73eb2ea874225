import { OAuthError, TemporarilyUnavailable } from '@ciba/contracts/oauth-errors';
import type { RpcPort, RpcSchema } from './rpc-schema.ts';
import { outboundCall } from '../tracing/outbound-call.ts';

export interface RpcClientOptions {
  /** Base URL of the owner's port, e.g. `http://token:8080/internal/directory`. */
  baseUrl: string;
  /** Bearer token the owner expects (`INTERNAL_TOKEN`). */
  token: string;
  timeoutMs?: number;
}

/**
 * The caller's side of a port served by `rpcRouter`: each method POSTs its arguments, validates the
 * result against the port's schema, and re-raises the owner's OAuth errors with their code and status.
 * An unreachable owner is `temporarily_unavailable` (503), never a silent default.
 */
export function rpcClient<S extends RpcSchema>(schema: S, options: RpcClientOptions): RpcPort<S> {
  const port = {} as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of Object.keys(schema)) {
    port[method] = async (...args: unknown[]) => {
      let res: Response;
      try {
        res = await outboundCall(`internal ${method}`, (trace) =>
          fetch(`${options.baseUrl}/${method}`, {
            method: 'POST',
            headers: { ...trace, 'content-type': 'application/json', authorization: `Bearer ${options.token}` },
            body: JSON.stringify({ args: trimUndefined(args) }),
            redirect: 'manual',
            signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
          }),
        );
      } catch (cause) {
        throw new TemporarilyUnavailable(`internal call ${method} failed`, { cause });
      }
      const body = (await res.json().catch(() => ({}))) as { result?: unknown; error?: string; error_description?: string };
      if (res.ok) return schema[method]!.result.parse(body.result);
      if (typeof body.error === 'string' && res.status < 500) {
        const headers: Record<string, string> = {};
        const challenge = res.headers.get('www-authenticate');
        if (challenge) headers['WWW-Authenticate'] = challenge;
        throw new OAuthError(body.error, body.error_description ?? body.error, res.status, { headers });
      }
      throw new TemporarilyUnavailable(`internal call ${method} answered ${res.status}`);
    };
  }
  return port as RpcPort<S>;
}

/** JSON turns a trailing `undefined` into `null`; drop trailing undefined arguments instead. */
function trimUndefined(args: unknown[]): unknown[] {
  const out = [...args];
  while (out.length > 0 && out[out.length - 1] === undefined) out.pop();
  return out;
}
