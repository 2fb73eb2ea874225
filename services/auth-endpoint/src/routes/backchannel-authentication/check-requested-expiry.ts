import { InvalidRequest } from '@ciba/contracts/oauth-errors';
import { parseRequestedExpiry } from '../../domain/parse-requested-expiry.ts';
import type { BackchannelStep } from './context.ts';

/** `requested_expiry` (CIBA Core §7.1): a positive integer within the configured bounds; else the default. */
export const checkRequestedExpiry: BackchannelStep = (ctx) => {
  const { minExpiry, maxExpiry, defaultExpiry } = ctx.deps.config;
  const requested = ctx.params.requested_expiry;
  if (requested === undefined) {
    ctx.expiresIn = defaultExpiry;
    return;
  }
  const seconds = parseRequestedExpiry(requested, minExpiry, maxExpiry);
  if (seconds === 'not_positive_integer') throw new InvalidRequest('requested_expiry must be a positive integer');
  if (seconds === 'out_of_range') throw new InvalidRequest(`requested_expiry must be between ${minExpiry} and ${maxExpiry} seconds`);
  ctx.requestedExpiry = seconds;
  ctx.expiresIn = seconds;
};
