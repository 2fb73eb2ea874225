import { listenForOutboxWrites, outboxWritten } from '../../../src/outbox/outbox-written.ts';
import { WakeSignal } from '../../../src/outbox/wake-signal.ts';

/** Whether `signal` was notified: its next wait returns at once instead of after 200 ms. */
async function woken(signal: WakeSignal): Promise<boolean> {
  const started = Date.now();
  await signal.wait(200);
  return Date.now() - started < 100;
}

describe('outboxWritten', () => {
  test("wakes the relays listening for the schema, not another schema's", async () => {
    const [mine, other] = [new WakeSignal(), new WakeSignal()];
    const stopMine = listenForOutboxWrites('svc_a', mine);
    const stopOther = listenForOutboxWrites('svc_b', other);
    outboxWritten('svc_a');
    expect(await woken(mine)).toBe(true);
    expect(await woken(other)).toBe(false);
    stopMine();
    stopOther();
  });

  test('a relay that stopped listening is not woken; an undefined schema wakes nothing', async () => {
    const signal = new WakeSignal();
    const stop = listenForOutboxWrites('svc_c', signal);
    outboxWritten(undefined);
    expect(await woken(signal)).toBe(false);
    stop();
    outboxWritten('svc_c');
    expect(await woken(signal)).toBe(false);
  });
});
