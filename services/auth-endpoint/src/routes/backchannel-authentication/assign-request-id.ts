import { randomUUID } from 'node:crypto';
import type { BackchannelStep } from './context.ts';

/** Names the request before anything counts it: the prompt limits record it by this id, and it is stored under it. */
export const assignRequestId: BackchannelStep = (ctx) => {
  ctx.requestId = randomUUID();
};
