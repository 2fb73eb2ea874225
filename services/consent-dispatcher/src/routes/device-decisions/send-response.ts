import type { DeviceDecisionResponse } from '@ciba/contracts/api/device-decision';
import type { DecisionStep } from './context.ts';
import { settled } from './settled.ts';

/** 200 `{"status": "approved" | "denied"}`, never cached. */
export const sendResponse: DecisionStep = (ctx) => {
  const body: DeviceDecisionResponse = { status: settled(ctx.status, 'status') };
  ctx.res.status(200).set({ 'Cache-Control': 'no-store', Pragma: 'no-cache' }).json(body);
};
