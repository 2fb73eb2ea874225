import express, { type Express } from 'express';
import { httpMetrics } from './http-metrics.ts';
import { traceRequests } from '../tracing/trace-requests.ts';

/**
 * A bare Express 5 app with the project's defaults: no `x-powered-by`, no ETag on API answers,
 * strict routing, and no body parser (each route declares the one it accepts: `formBody`, `jsonBody`).
 * Every request first gets its trace span (`traceRequests`; nothing while tracing is off), and every
 * answer is counted and timed by route template (`httpMetrics`). Mount routers, then `finishApp` to
 * add the 404 and error handlers.
 */
export function createApp(): Express {
  const app = express();
  app.disable('x-powered-by');
  app.disable('etag');
  app.set('query parser', 'simple');
  app.set('trust proxy', false);
  app.use(traceRequests());
  app.use(httpMetrics());
  return app;
}
