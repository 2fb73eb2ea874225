import { TestBus } from '@ciba/test-support';

/** The in-test EventBus: remembers what was published, and hands a test's events to a subscribed group. */
export type RecordingBus = TestBus;

export function recordingBus(): RecordingBus {
  return new TestBus();
}
