/**
 * The broker's incarnation, as the outbox relay's owner sees it. A broker that restarts with its data
 * (Kafka, Redis with persistence) keeps its epoch; one that restarts empty gets a new epoch, and every
 * event published into the old one that consumers had not handled yet is gone. Each schema's outbox
 * records, in the broker itself, the epoch it last replayed into, so the record vanishes exactly when
 * the data does.
 */
export interface BrokerEpoch {
  /** The current epoch's id; the first caller after the broker lost its data starts a new one. */
  current(): Promise<string>;
  /** Whether `schema`'s outbox was replayed into epoch `epoch` (or needs no replay there). */
  replayed(epoch: string, schema: string): Promise<boolean>;
  /** Records that it was; false when the broker moved on to another epoch meanwhile (replay again). */
  markReplayed(epoch: string, schema: string): Promise<boolean>;
}
