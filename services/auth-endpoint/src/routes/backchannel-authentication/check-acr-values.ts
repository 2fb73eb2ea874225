import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import type { BackchannelStep } from './context.ts';

const MAX_LENGTH = 2000;

/** `acr_values` is optional and stored as given (CIBA Core §7.1); only its size is bounded. */
export const checkAcrValues: BackchannelStep = (ctx) => {
  const acr = ctx.params.acr_values;
  if (acr !== undefined && acr.length > MAX_LENGTH) throw new InvalidRequest(`acr_values must be at most ${MAX_LENGTH} characters`);
};
