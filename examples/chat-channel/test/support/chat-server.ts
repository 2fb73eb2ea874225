import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ChatServer {
  /** `http://127.0.0.1:<port>/messages` */
  url: string;
  /** The JSON bodies received. */
  received: Array<Record<string, unknown>>;
  /** Status of the next answers. @defaultValue 200 */
  status: number;
  close(): Promise<void>;
}

/** A local chat server's message endpoint on 127.0.0.1: records what it is sent. */
export async function startChatServer(): Promise<ChatServer> {
  const chat: ChatServer = { url: '', received: [], status: 200, close: async () => {} };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      if (req.method === 'POST' && req.url === '/messages') chat.received.push(JSON.parse(body) as Record<string, unknown>);
      res.writeHead(chat.status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  chat.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/messages`;
  chat.close = () => new Promise<void>((resolve) => (server.closeAllConnections(), server.close(() => resolve())));
  return chat;
}
