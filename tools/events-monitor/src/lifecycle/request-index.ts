import type { LifecycleEvent } from './lifecycle-event.ts';

/** What the monitor remembers of one auth request, from the events it has seen. */
export interface RequestFacts {
  requestedAtMs?: number;
  /** When the monitor first saw the request, where it missed its `requested` event. */
  firstSeenMs: number;
  clientId?: string;
  sub?: string;
}

/**
 * The requests seen so far, by internal request id, so that events that do not name the client or
 * the user (offers, prompts, dead letters) can be filtered and timed. Bounded: the oldest entries
 * go first (`Map` keeps insertion order).
 */
export class RequestIndex {
  private readonly requests = new Map<string, RequestFacts>();

  constructor(private readonly capacity = 100_000) {}

  /** Records what `event` says of its request and answers what is known of it now. */
  observe(event: LifecycleEvent): RequestFacts {
    let facts = this.requests.get(event.requestId);
    if (!facts) {
      facts = { firstSeenMs: event.timeMs };
      this.requests.set(event.requestId, facts);
      if (this.requests.size > this.capacity) this.requests.delete(this.requests.keys().next().value as string);
    }
    if (event.requestedAtMs !== undefined) facts.requestedAtMs = event.requestedAtMs;
    if (event.clientId !== undefined) facts.clientId = event.clientId;
    if (event.sub !== undefined) facts.sub = event.sub;
    return facts;
  }

  get(requestId: string): RequestFacts | undefined {
    return this.requests.get(requestId);
  }
}
