/** One message as it sits on the broker, not decoded: the reader validates it itself. */
export interface TappedMessage {
  /** The topic without any `KAFKA_TOPIC_PREFIX`. */
  topic: string;
  partition: number;
  /** Kafka offset or Redis stream entry id. */
  position: string;
  key: string;
  /** The raw value (null when the broker holds none). */
  value: string | null;
}

/** Where a read starts: the end as it is when the read starts, the oldest retained message, or a time (ms since the epoch). */
export type TapStart = 'end' | 'beginning' | { sinceMs: number };

export interface TapReadOptions {
  /** Topics without the prefix; topics that do not exist yet are skipped (Kafka) or waited on (Redis). */
  topics: readonly string[];
  from: TapStart;
  /** Keep reading new messages until closed (a tail), or stop at the end as it was when the read started. */
  follow: boolean;
  onMessage(message: TappedMessage): void | Promise<void>;
  /** Called once the start positions are fixed: every message published after this is read. */
  onReady?(): void;
}

/**
 * Reads topics as an observer (the events monitor): it never joins, acknowledges for or commits
 * for a service's consumer group, so it takes no work from the services and a tap that dies
 * disturbs nothing. Redis Streams: plain `XREAD`, no group at all. Kafka: a consumer group of its
 * own (`<prefix>ciba-events-monitor.<random>`) that never commits and is deleted on `close()`.
 */
export interface EventTap {
  /** Every topic of ours the broker has now: the fixed ones and each `ciba.channel-offers.<channel>`. */
  existingTopics(): Promise<string[]>;
  /** Resolves at the end (without `follow`) or once closed. */
  read(options: TapReadOptions): Promise<void>;
  /** Stops every read and releases what the tap created. */
  close(): Promise<void>;
}
