import express, { type Express } from 'express';
import { httpMetrics } from './http-metrics.ts';

/**
 * A bare Express 5 app with the project's defaults: no `x-powered-by`, no ETag on API answers,
 * strict routing, and no body parser (each route declares the one it accepts: `formBody`, `jsonBody`).
 * Every answer is counted and timed by route template (`httpMetrics`). Mount routers, then `finishApp`
 * to add the 404 and error handlers.
 */
export function createApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.set('trust proxy', false);
  app.use(httpMetrics());
  return app;
}
