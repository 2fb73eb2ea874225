import { deriveChannelKey, runChannel, type ChannelDeliverer } from '@ciba/channel-kit';
import type { EventBus, Subscription } from '@ciba/event-bus';
import type { Logger } from '@ciba/service-kit';

export interface EmbeddedChannelsOptions {
  bus: EventBus;
  /** The dispatcher's `CHANNEL_MASTER_KEY` (each channel gets its derived key). */
  masterKey: Uint8Array;
  /** One deliverer per channel served in this process. */
  deliverers: readonly ChannelDeliverer[];
  logger: Logger;
}

/**
 * Runs the built-in channels inside the all-in-one process: each deliverer consumes its own
 * `ciba.channel-offers.<channel>` as group `channel.<channel>` with its derived key, exactly as its
 * own process would (`channels/<name>/src/main.ts`). Resolves one subscription closing them all.
 */
export async function startEmbeddedChannels(options: EmbeddedChannelsOptions): Promise<Subscription> {
  const running: Subscription[] = [];
  try {
    for (const deliverer of options.deliverers) {
      const key = deriveChannelKey(options.masterKey, deliverer.channel);
      running.push(await runChannel({ bus: options.bus, deliverer, key, logger: options.logger.child({ channel: deliverer.channel }) }));
    }
  } catch (err) {
    await Promise.allSettled(running.map((s) => s.close()));
    throw err;
  }
  return { close: async () => void (await Promise.all(running.map((s) => s.close()))) };
}
