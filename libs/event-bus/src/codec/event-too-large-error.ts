import { MAX_EVENT_BYTES } from '@ciba/contracts';

/** A producer tried to publish an event whose JSON exceeds `MAX_EVENT_BYTES`; never retriable. */
export class EventTooLargeError extends Error {
  readonly retriable = false;

  constructor(readonly topic: string, readonly bytes: number) {
    super(`event for ${topic} is ${bytes} bytes, more than the ${MAX_EVENT_BYTES} allowed`);
    this.name = 'EventTooLargeError';
  }
}
