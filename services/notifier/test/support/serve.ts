import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import { createApp, finishApp } from '@ciba/service-kit';
import { silentLogger } from './silent-logger.ts';

/** Serves a router on 127.0.0.1:<random port> behind the service kit's app and error handler. */
export async function serve(router: Router): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp();
  app.use(router);
  finishApp(app, silentLogger);
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
