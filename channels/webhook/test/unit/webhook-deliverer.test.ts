import { createServer } from 'node:net';
import { waitFor } from '@ciba/test-support';
import { createWebhookDeliverer } from '../../src/webhook-deliverer.ts';
import { createPromptSigner, type PromptSigner } from '../support/prompt-signer.ts';
import { promptVerifier } from '../support/verify-prompt.ts';
import { webhookDelivery } from '../support/webhook-offer.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

const development = createWebhookDeliverer({ timeoutMs: 5000, production: false });
const production = createWebhookDeliverer({ timeoutMs: 5000, production: true });
const never = () => new AbortController().signal;

let receiver: WebhookReceiver;
let signer: PromptSigner;

beforeAll(async () => {
  signer = await createPromptSigner();
  receiver = await startWebhookReceiver();
  receiver.jwks = signer.jwks;
});
afterAll(() => receiver.close());
beforeEach(() => {
  receiver.received.length = 0;
  receiver.answer = { status: 204 };
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('createWebhookDeliverer', () => {
  it('is the webhook channel', () => {
    expect(development.channel).toBe('webhook');
  });

  it('POSTs signed_body.body byte for byte with Ciba-Signature, and the receiver verifies it against the JWKS', async () => {
    const delivery = await webhookDelivery(`${receiver.url}/prompts`, signer);
    await expect(development.deliver(delivery, never())).resolves.toEqual({ delivered: true, statusCode: 204 });
    const [request] = receiver.received;
    expect(request).toMatchObject({ method: 'POST', path: '/prompts', headers: { 'content-type': 'application/json', 'ciba-signature': delivery.signed_body!.signature } });
    expect(request!.body.equals(Buffer.from(delivery.signed_body!.body, 'utf8'))).toBe(true);
    const verify = promptVerifier(`${receiver.url}/jwks`, 'http://127.0.0.1:8080');
    await expect(verify(request!.body, request!.headers['ciba-signature'] as string)).resolves.toMatchObject({ prompt_id: delivery.prompt.prompt_id });
  });

  it('the receiver refuses a body changed in transit, a missing signature and one made by another key', async () => {
    const delivery = await webhookDelivery(`${receiver.url}/prompts`, signer);
    await development.deliver(delivery, never());
    const { body, headers } = receiver.received[0]!;
    const verify = promptVerifier(`${receiver.url}/jwks`, 'http://127.0.0.1:8080');
    const tampered = Buffer.from(body.toString('utf8').replace('"alice"', '"mallory"'));
    await expect(verify(tampered, headers['ciba-signature'] as string)).rejects.toThrow('signature verification failed');
    await expect(verify(body, undefined)).rejects.toThrow('missing or malformed Ciba-Signature');
    const stranger = await createPromptSigner('test-key-1');
    await expect(verify(body, await stranger.sign(body.toString('utf8')))).rejects.toThrow('signature verification failed');
  });

  it('without signed_body POSTs the prompt as JSON and no Ciba-Signature', async () => {
    const delivery = await webhookDelivery(`${receiver.url}/prompts`);
    await expect(development.deliver(delivery, never())).resolves.toEqual({ delivered: true, statusCode: 204 });
    const [request] = receiver.received;
    expect(request!.headers['ciba-signature']).toBeUndefined();
    expect(JSON.parse(request!.body.toString('utf8'))).toEqual(delivery.prompt);
  });

  it.each([200, 201, 202, 204])('answer %i: delivered with its status', async (status) => {
    receiver.answer = { status };
    await expect(development.deliver(await webhookDelivery(receiver.url, signer), never())).resolves.toEqual({ delivered: true, statusCode: status });
  });

  it.each([301, 302, 303, 307, 308])('answer %i: redirected, and the redirect is not followed', async (status) => {
    receiver.answer = { status, headers: { location: `${receiver.url}/elsewhere` } };
    await expect(development.deliver(await webhookDelivery(`${receiver.url}/prompts`, signer), never())).resolves.toEqual({ delivered: false, reason: 'redirected', statusCode: status });
    expect(receiver.received.map((r) => r.path)).toEqual(['/prompts']);
  });

  it.each([400, 401, 404, 410, 429, 500, 503])('answer %i: rejected with its status', async (status) => {
    receiver.answer = { status };
    await expect(development.deliver(await webhookDelivery(receiver.url, signer), never())).resolves.toEqual({ delivered: false, reason: 'rejected', statusCode: status });
  });

  it('the abort signal (offer deadline, process stopping) ends a call that gets no answer: timeout', async () => {
    receiver.answer = 'hang';
    const controller = new AbortController();
    const result = development.deliver(await webhookDelivery(receiver.url, signer), controller.signal);
    await waitFor(() => receiver.received.length === 1, 10_000, 'the webhook call');
    controller.abort();
    await expect(result).resolves.toEqual({ delivered: false, reason: 'timeout' });
  });

  it('WEBHOOK_TIMEOUT_MS ends a call that gets no answer: timeout', async () => {
    receiver.answer = 'hang';
    const quick = createWebhookDeliverer({ timeoutMs: 200, production: false });
    await expect(quick.deliver(await webhookDelivery(receiver.url, signer), never())).resolves.toEqual({ delivered: false, reason: 'timeout' });
  });

  it('a refused connection: network_error', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/prompts`;
    await expect(development.deliver(await webhookDelivery(url, signer), never())).resolves.toEqual({ delivered: false, reason: 'network_error' });
  });

  it('production: an http URL is refused before any connection (url_refused)', async () => {
    await expect(production.deliver(await webhookDelivery(`${receiver.url}/prompts`, signer), never())).resolves.toEqual({ delivered: false, reason: 'url_refused' });
    expect(receiver.received).toEqual([]);
  });

  it('production: a loopback address literal is refused (address_refused)', async () => {
    await expect(production.deliver(await webhookDelivery(`https://127.0.0.1:${receiver.url.split(':')[2]}/prompts`, signer), never())).resolves.toEqual({
      delivered: false,
      reason: 'address_refused',
    });
  });

  it('production: a host name resolving to loopback is refused on the address it resolves to (address_refused)', async () => {
    await expect(production.deliver(await webhookDelivery(`https://localhost:${receiver.url.split(':')[2]}/prompts`, signer), never())).resolves.toEqual({
      delivered: false,
      reason: 'address_refused',
    });
  });

  it('development: the cloud metadata address is refused all the same (address_refused)', async () => {
    await expect(development.deliver(await webhookDelivery('http://169.254.169.254/latest/meta-data/', signer), never())).resolves.toEqual({
      delivered: false,
      reason: 'address_refused',
    });
  });

  it('an entry that is not a webhook: not_configured', async () => {
    const delivery = { ...(await webhookDelivery(receiver.url, signer)), channel: { type: 'email' as const, address: 'alice@example.com' } };
    await expect(development.deliver(delivery, never())).resolves.toEqual({ delivered: false, reason: 'not_configured' });
    expect(receiver.received).toEqual([]);
  });
});
