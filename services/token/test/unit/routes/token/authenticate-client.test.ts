import type { ClientCredentials, ClientView } from '@ciba/contracts';
import type { TokenContext } from '../../../../src/context.ts';
import { authenticateClient } from '../../../../src/routes/token/authenticate-client.ts';
import { runStep } from '../../../support/run-step.ts';

describe('authenticateClient', () => {
  it('hands the header, the form credentials and the endpoint URL to the directory; the client goes on res.locals', async () => {
    const seen: ClientCredentials[] = [];
    const client = { client_id: 'rp-1' } as ClientView;
    const ctx = {
      config: { publicUrls: { token: 'https://token.example' } },
      directory: { authenticateClient: async (c: ClientCredentials) => (seen.push(c), client) },
    } as unknown as TokenContext;
    const run = await runStep(authenticateClient(ctx, '/token'), {
      headers: { authorization: 'Basic abc' },
      body: { client_id: 'rp-1', client_secret: 's', client_assertion_type: 't', client_assertion: 'a', grant_type: 'x' },
    });
    expect(seen).toEqual([{ authorization: 'Basic abc', client_id: 'rp-1', client_secret: 's', client_assertion_type: 't', client_assertion: 'a', endpoint: 'https://token.example/token' }]);
    expect(run.res.locals.client).toBe(client);
    expect(run.nextCalled).toBe(true);
  });

  it('lets invalid_client through', async () => {
    const { InvalidClient } = await import('@ciba/contracts/oauth-errors');
    const ctx = {
      config: { publicUrls: { token: 'https://token.example' } },
      directory: { authenticateClient: async () => Promise.reject(new InvalidClient('client authentication failed')) },
    } as unknown as TokenContext;
    await expect(runStep(authenticateClient(ctx, '/introspect'), { body: {} })).rejects.toMatchObject({ error: 'invalid_client', status: 401 });
  });
});
