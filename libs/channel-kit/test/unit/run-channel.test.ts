import { randomBytes } from 'node:crypto';
import { TOPICS, channelOffersTopic, type ChannelDelivery } from '@ciba/contracts';
import { TestBus } from '@ciba/test-support';
import type { ChannelDeliverer, ChannelResult } from '../../src/channel-deliverer.ts';
import { deriveChannelKey } from '../../src/channel-key.ts';
import { runChannel } from '../../src/run-channel.ts';
import { sampleOffer } from '../support/sample-offer.ts';

const silent = { debug() {}, info() {}, warn() {}, error() {} };
const key = deriveChannelKey(new Uint8Array(randomBytes(32)), 'email');

function recordingDeliverer(result: ChannelResult): ChannelDeliverer & { seen: ChannelDelivery[] } {
  const seen: ChannelDelivery[] = [];
  return { channel: 'email', seen, deliver: async (delivery) => (seen.push(delivery), result) };
}

async function run(deliverer: ChannelDeliverer) {
  const bus = new TestBus();
  await runChannel({ bus, deliverer, key, logger: silent });
  return bus;
}

describe('runChannel', () => {
  it('opens the offer, delivers it, and answers delivered on ciba.channel-outcomes keyed by the request', async () => {
    const deliverer = recordingDeliverer({ delivered: true, statusCode: 250 });
    const bus = await run(deliverer);
    const offer = await sampleOffer(key);
    await bus.deliver('channel.email', channelOffersTopic('email'), offer);
    expect(deliverer.seen).toEqual([expect.objectContaining({ offer_id: offer.data.offer_id, channel: { type: 'email', address: 'alice@example.com' } })]);
    expect(bus.published).toEqual([
      {
        topic: TOPICS.channelOutcomes,
        key: offer.subject,
        event: expect.objectContaining({
          type: 'ciba.channel_offer.delivered.v1',
          source: '/channels/email',
          subject: offer.subject,
          data: expect.objectContaining({ offer_id: offer.data.offer_id, prompt_id: offer.data.prompt_id, channel: 'email', status_code: 250 }),
        }),
      },
    ]);
    expect(JSON.stringify(bus.published)).not.toContain('alice@example.com');
  });

  it('a provider failure is answered failed with its reason', async () => {
    const bus = await run(recordingDeliverer({ delivered: false, reason: 'gone', statusCode: 410 }));
    const offer = await sampleOffer(key);
    await bus.deliver('channel.email', channelOffersTopic('email'), offer);
    expect(bus.published[0]!.event).toMatchObject({ type: 'ciba.channel_offer.failed.v1', data: { reason: 'gone', status_code: 410 } });
  });

  it('an offer past its deadline is answered deadline_passed without delivering', async () => {
    const deliverer = recordingDeliverer({ delivered: true });
    const bus = await run(deliverer);
    await bus.deliver('channel.email', channelOffersTopic('email'), await sampleOffer(key, { deadlineMs: -1 }));
    expect(deliverer.seen).toEqual([]);
    expect(bus.published[0]!.event).toMatchObject({ type: 'ciba.channel_offer.failed.v1', data: { reason: 'deadline_passed' } });
  });

  it('an offer sealed under another key is answered unreadable without delivering', async () => {
    const deliverer = recordingDeliverer({ delivered: true });
    const bus = await run(deliverer);
    const other = deriveChannelKey(new Uint8Array(randomBytes(32)), 'email');
    await bus.deliver('channel.email', channelOffersTopic('email'), await sampleOffer(other));
    expect(deliverer.seen).toEqual([]);
    expect(bus.published[0]!.event).toMatchObject({ type: 'ciba.channel_offer.failed.v1', data: { reason: 'unreadable' } });
  });

  it('the delivery gets a signal that aborts at the offer deadline', async () => {
    let aborted: unknown;
    const deliverer: ChannelDeliverer = {
      channel: 'email',
      deliver: (_delivery, signal) =>
        new Promise((resolve) => signal.addEventListener('abort', () => ((aborted = signal.reason), resolve({ delivered: false, reason: 'timeout' })))),
    };
    const bus = await run(deliverer);
    await bus.deliver('channel.email', channelOffersTopic('email'), await sampleOffer(key, { deadlineMs: 200 }));
    expect((aborted as Error).name).toBe('TimeoutError');
    expect(bus.published[0]!.event).toMatchObject({ data: { reason: 'timeout' } });
  });
});
