/** Every Redis key the Streams bus uses, in one place. */
export const streamKeys = {
  /** One partition stream of a topic: `<ns>:<topic>:<p>`. */
  stream: (namespace: string, topic: string, partition: number) => `${namespace}:${topic}:${partition}`,
  /** Who works a partition for a group: `<ns>:lease:<group>:<topic>:<p>` holds the member id. */
  lease: (namespace: string, group: string, topic: string, partition: number) => `${namespace}:lease:${group}:${topic}:${partition}`,
  /** Live members of a group: a sorted set scored by heartbeat expiry (Redis time, ms). */
  members: (namespace: string, group: string) => `${namespace}:members:${group}`,
};
