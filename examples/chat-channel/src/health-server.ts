import { createServer, type Server } from 'node:http';

/** `/healthz` and `/readyz` for Kubernetes probes: answered once the channel consumes its topic. */
export function healthServer(port: number, host: string): Promise<Server> {
  const server = createServer((req, res) => {
    const ok = req.method === 'GET' && (req.url === '/healthz' || req.url === '/readyz');
    res.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' }).end(JSON.stringify(ok ? { status: 'ok' } : { error: 'not_found' }));
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}
