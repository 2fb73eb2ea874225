import { randomUUID } from 'node:crypto';
import { createChatDeliverer } from '../../src/chat-deliverer.ts';
import { startChatServer, type ChatServer } from '../support/chat-server.ts';
import { pluginDelivery } from '../support/plugin-offer.ts';

let chat: ChatServer;
beforeAll(async () => {
  chat = await startChatServer();
});
afterAll(() => chat.close());

describe('createChatDeliverer', () => {
  it('an entry of another plug-in is not its own: not_configured, nothing sent', async () => {
    const deliverer = createChatDeliverer({ channel: 'chat', chatServerUrl: chat.url, timeoutMs: 5000 });
    const delivery = pluginDelivery(randomUUID(), 'pager', 'alice');
    await expect(deliverer.deliver(delivery, new AbortController().signal)).resolves.toEqual({ delivered: false, reason: 'not_configured' });
    expect(chat.received).toEqual([]);
  });

  it('an aborted signal: timeout', async () => {
    const deliverer = createChatDeliverer({ channel: 'chat', chatServerUrl: chat.url, timeoutMs: 5000 });
    await expect(deliverer.deliver(pluginDelivery(randomUUID(), 'chat', '@alice'), AbortSignal.abort())).resolves.toEqual({ delivered: false, reason: 'timeout' });
  });

  it('no chat server listening: network_error', async () => {
    const deliverer = createChatDeliverer({ channel: 'chat', chatServerUrl: 'http://127.0.0.1:9/messages', timeoutMs: 5000 });
    await expect(deliverer.deliver(pluginDelivery(randomUUID(), 'chat', '@alice'), new AbortController().signal)).resolves.toEqual({ delivered: false, reason: 'network_error' });
  });
});
