import { sendNotification } from '../../../../src/adapters/http/send-notification.ts';
import { startReceivers } from '../../../support/receivers.ts';

describe('sendNotification (the outbound rules of the service kit, CIBA Core §10.2/§10.3 headers)', () => {
  let receivers: Awaited<ReturnType<typeof startReceivers>>;
  let port: string;
  beforeAll(async () => {
    receivers = await startReceivers();
    port = new URL(receivers.base).port;
  });
  afterAll(() => receivers.close());

  const dev = { timeoutMs: 300, production: false };
  const prod = { timeoutMs: 300, production: true };

  it('development: loopback http is allowed; Bearer and JSON headers, the body as JSON', async () => {
    await expect(sendNotification(`${receivers.base}/ok/s-1`, 'cnt-1', { auth_req_id: 'x' }, dev)).resolves.toEqual({ status: 200 });
    const [call] = receivers.calls('/ok/s-1');
    expect(call!.headers).toMatchObject({ authorization: 'Bearer cnt-1', 'content-type': 'application/json' });
    expect(call!.body).toStrictEqual({ auth_req_id: 'x' });
  });

  it('a 301 is the answer: never followed', async () => {
    await expect(sendNotification(`${receivers.base}/moved/s-2`, 'cnt', {}, dev)).resolves.toEqual({ status: 301 });
    expect(receivers.calls('/ok/s-2')).toHaveLength(0);
  });

  it('429 with Retry-After answers the seconds', async () => {
    await expect(sendNotification(`${receivers.base}/busy/s-3`, 'cnt', {}, dev)).resolves.toEqual({ status: 429, retryAfterSeconds: 1 });
  });

  it('no answer within the timeout: outbound_timeout', async () => {
    await expect(sendNotification(`${receivers.base}/never/s-4`, 'cnt', {}, dev)).resolves.toEqual({ error: 'outbound_timeout' });
  });

  it('nothing listening: outbound_network', async () => {
    await expect(sendNotification('http://127.0.0.1:1/cb', 'cnt', {}, dev)).resolves.toEqual({ error: 'outbound_network' });
  });

  it('metadata addresses are refused even in development, before any connection', async () => {
    await expect(sendNotification('http://169.254.169.254/latest/meta-data', 'cnt', {}, dev)).resolves.toEqual({ error: 'outbound_address' });
  });

  it('production: http is refused; https to a loopback literal or to a name resolving to loopback is refused at connection time', async () => {
    await expect(sendNotification(`${receivers.base}/ok/s-5`, 'cnt', {}, prod)).resolves.toEqual({ error: 'outbound_url' });
    await expect(sendNotification(`https://127.0.0.1:${port}/ok/s-5`, 'cnt', {}, prod)).resolves.toEqual({ error: 'outbound_address' });
    await expect(sendNotification(`https://localhost:${port}/ok/s-5`, 'cnt', {}, prod)).resolves.toEqual({ error: 'outbound_address' });
    await expect(sendNotification(`https://10.0.0.1/cb`, 'cnt', {}, prod)).resolves.toEqual({ error: 'outbound_address' });
    expect(receivers.calls('/ok/s-5')).toHaveLength(0);
  });
});
