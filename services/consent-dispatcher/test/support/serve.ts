import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Router } from 'express';
import { createApp, finishApp } from '@ciba/service-kit';
import { silentLogger } from './silent-logger.ts';

/** Serves a router on 127.0.0.1 behind the project's 404 and error handlers. */
export async function serve(router: Router): Promise<{ url: string; close(): Promise<void> }> {
  const app = finishApp(createApp().use(router), silentLogger);
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
