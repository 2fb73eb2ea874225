import type { ConsentExpiredV1 } from '@ciba/contracts';
import { cibaGrantRepository } from '../adapters/db/ciba-grant-repository.ts';
import { processedEventRepository } from '../adapters/db/processed-event-repository.ts';
import type { TokenContext } from '../context.ts';
import { CIBA_GRANTS_GROUP } from './consumer-group.ts';

/**
 * `ciba.consent.expired.v1`: a still pending grant is marked expired. Polls already answer
 * `expired_token` from `expires_at` alone; this keeps the projection's status truthful.
 */
export async function onConsentExpired(ctx: TokenContext, event: ConsentExpiredV1): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    if (!(await processedEventRepository(tx).record(CIBA_GRANTS_GROUP, event.id))) return;
    await cibaGrantRepository(tx, ctx.config.schema).expire(event.data.request_id);
  });
}
