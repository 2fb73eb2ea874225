import type { AuthRequestCreatedV1 } from '@ciba/contracts';
import { cibaGrantRepository } from '../adapters/db/ciba-grant-repository.ts';
import { processedEventRepository } from '../adapters/db/processed-event-repository.ts';
import type { TokenContext } from '../context.ts';
import { CIBA_GRANTS_GROUP } from './consumer-group.ts';

/** `ciba.auth_request.created.v1`: the request becomes a pending grant (a no-op if a poll or decision got there first). */
export async function onAuthRequestCreated(ctx: TokenContext, event: AuthRequestCreatedV1): Promise<void> {
  await ctx.db.$transaction(async (tx) => {
    if (!(await processedEventRepository(tx).record(CIBA_GRANTS_GROUP, event.id))) return;
    await cibaGrantRepository(tx, ctx.config.schema).insertPending(event.data);
  });
}
