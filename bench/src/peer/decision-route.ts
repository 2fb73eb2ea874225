import type { IncomingMessage, ServerResponse } from 'node:http';
import type Provider from 'oidc-provider';
import { errors } from 'oidc-provider';
import { isDecisionToken } from './decision-token.ts';

function answer(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<{ decision?: unknown }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as { decision?: unknown };
  } catch {
    return {};
  }
}

/**
 * `POST /device/decisions/{auth_req_id}`: the device's answer (interfaces.md §4 shape), resolved with
 * oidc-provider's documented `provider.backchannelResult(request, grant | error)`.
 */
export function createDecisionRoute(provider: Provider, secret: string) {
  return async (req: IncomingMessage, res: ServerResponse, id: string): Promise<void> => {
    const auth = req.headers.authorization ?? '';
    const body = await readJson(req);
    if (!auth.startsWith('Bearer ') || !isDecisionToken(secret, id, auth.slice(7))) return answer(res, 401, { error: 'invalid_token' });
    if (body.decision !== 'approve' && body.decision !== 'deny') return answer(res, 400, { error: 'invalid_request' });
    const request = await provider.BackchannelAuthenticationRequest.find(id, { ignoreExpiration: true });
    if (!request || request.isExpired) return answer(res, 410, { error: 'expired_token' });
    const status = body.decision === 'approve' ? 'approved' : 'denied';
    if (request.grantId || request.error) {
      const previous = request.grantId ? 'approved' : 'denied';
      return previous === status ? answer(res, 200, { status }) : answer(res, 409, { error: 'already_decided' });
    }
    if (body.decision === 'deny') {
      await provider.backchannelResult(request, new errors.AccessDenied('the end-user denied the request'));
      return answer(res, 200, { status });
    }
    const grant = new provider.Grant({ accountId: request.accountId!, clientId: request.clientId! });
    grant.addOIDCScope(request.scope!);
    const resource = request.resource;
    if (typeof resource === 'string') grant.addResourceScope(resource, request.scope!);
    await grant.save();
    await provider.backchannelResult(request, grant, { authTime: Math.floor(Date.now() / 1000) });
    answer(res, 200, { status });
  };
}
