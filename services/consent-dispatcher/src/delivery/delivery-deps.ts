import type { DirectoryPort } from '@ciba/contracts';
import type { Logger } from '@ciba/service-kit';
import type { ChannelAdapters } from '../adapters/channels/channel-adapter.ts';
import type { PromptStore } from '../domain/prompt-store.ts';

/** What delivering a prompt uses. */
export interface DeliveryDeps {
  store: PromptStore;
  directory: Pick<DirectoryPort, 'getUser' | 'getClient'>;
  adapters: ChannelAdapters;
  logger: Logger;
  /** Base URL of the decision endpoint. */
  publicUrl: string;
  now(): Date;
}
