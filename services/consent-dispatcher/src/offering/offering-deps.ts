import type { DirectoryPort } from '@ciba/contracts';
import type { Logger } from '@ciba/service-kit';
import type { ChannelDeadlines } from '../config/parse-channel-deadlines.ts';
import type { OfferStore } from '../domain/offer-store.ts';
import type { ChannelKeys } from './channel-keys.ts';

/** What offering a prompt to channels uses. */
export interface OfferingDeps {
  offers: OfferStore;
  directory: Pick<DirectoryPort, 'getUser' | 'getClient' | 'signDetached'>;
  keys: ChannelKeys;
  logger: Logger;
  /** Base URL of the decision endpoint and the approval page. */
  publicUrl: string;
  deadlines: ChannelDeadlines;
  /** Delivery rounds. */
  rounds: number;
  /** Milliseconds before round 2, doubled each further round. */
  backoffMs: number;
  /** Milliseconds a process holds an offer it is making before a sweep may make it instead. */
  leaseMs: number;
  now(): Date;
}
