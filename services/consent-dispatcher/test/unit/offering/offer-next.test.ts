import { openDelivery, deriveChannelKey } from '@ciba/channel-kit';
import type { ChannelOfferRequestedV1, UserChannel } from '@ciba/contracts';
import type { OutboxRecord } from '@ciba/event-bus';
import { sha256 } from '@ciba/service-kit';
import { entryHash } from '../../../src/domain/entry-hash.ts';
import type { OfferClaim, NewOffer, OfferStore } from '../../../src/domain/offer-store.ts';
import { channelKeys } from '../../../src/offering/channel-keys.ts';
import { offerNext } from '../../../src/offering/offer-next.ts';
import { samplePrompt } from '../../support/sample-prompt.ts';
import { silentLogger } from '../../support/silent-logger.ts';
import { TestDirectory } from '../../support/test-directory.ts';

const MASTER = new Uint8Array(32).fill(3);
const NOW = new Date('2026-12-05T08:00:00.000Z');

/** offerNext over a recording offer store (every claim holds) and the test directory. */
function setup(channels: UserChannel[] | null, options: { rounds?: number; disabled?: string[] } = {}) {
  const directory = new TestDirectory();
  if (channels) directory.users.set('alice', channels);
  const calls: Array<{ op: string; claim: OfferClaim; offer?: NewOffer; tokenHash?: string; event?: OutboxRecord; dueAt?: Date; failure?: string }> = [];
  const offers: OfferStore = {
    disabledEntries: async () => new Set(options.disabled ?? []),
    recordOffer: async (claim, offer, tokenHash, event) => (calls.push({ op: 'offer', claim, offer, tokenHash, event }), true),
    scheduleRound: async (claim, dueAt) => (calls.push({ op: 'round', claim, dueAt }), true),
    giveUp: async (claim, failure, event) => (calls.push({ op: 'give-up', claim, failure, event }), true),
    applyOutcome: async () => ({ kind: 'duplicate' }),
    timeOutDue: async () => [],
    claimDue: async () => [],
    listOffers: async () => [],
  };
  const next = offerNext({
    offers,
    directory: directory.port(),
    keys: channelKeys(MASTER),
    logger: silentLogger,
    publicUrl: 'https://consent.example',
    deadlines: { default: 30_000, byChannel: { sms: 60_000 } },
    rounds: options.rounds ?? 3,
    backoffMs: 1000,
    leaseMs: 15_000,
    now: () => NOW,
  });
  return { next, calls, directory };
}

const sms: UserChannel = { type: 'sms', phone: '+15550100' };
const hook: UserChannel = { type: 'webhook', url: 'https://device.example/hook' };

describe('offerNext', () => {
  it('offers the first channel from fromIndex with its deadline, a sealed delivery only that channel opens, and the token hash', async () => {
    const t = setup([hook, sms]);
    const prompt = samplePrompt({ expiresAt: new Date(NOW.getTime() + 600_000) });
    expect(await t.next(prompt, 1, 1)).toBe('offered');
    const [call] = t.calls;
    expect(call).toMatchObject({ op: 'offer', claim: { promptId: prompt.promptId, round: 1, fromIndex: 1 } });
    expect(call!.offer).toMatchObject({ round: 1, channelIndex: 1, channel: 'sms', channelType: 'sms', deadlineAt: new Date(NOW.getTime() + 60_000) });
    const event = call!.event!.envelope as ChannelOfferRequestedV1;
    expect(call!.event!.topic).toBe('ciba.channel-offers.sms');
    const delivery = await openDelivery(event.data.sealed, deriveChannelKey(MASTER, 'sms'), call!.offer!.offerId);
    expect(delivery).toMatchObject({ channel: sms, prompt: { prompt_id: prompt.promptId, decision_uri: `https://consent.example/device/decisions/${prompt.promptId}` } });
    expect(delivery!.signed_body).toBeUndefined();
    expect(delivery!.approval_uri).toBe(`https://consent.example/device/approve/${prompt.promptId}?t=${delivery!.prompt.decision_token}`);
    expect(call!.tokenHash).toBe(sha256(delivery!.prompt.decision_token));
    expect(await openDelivery(event.data.sealed, deriveChannelKey(MASTER, 'webhook'), call!.offer!.offerId)).toBeNull();
  });

  it('signs a webhook body: the signed body is the prompt JSON', async () => {
    const t = setup([hook]);
    await t.next(samplePrompt({ expiresAt: new Date(NOW.getTime() + 600_000) }), 1, 0);
    const [call] = t.calls;
    const delivery = await openDelivery((call!.event!.envelope as ChannelOfferRequestedV1).data.sealed, deriveChannelKey(MASTER, 'webhook'), call!.offer!.offerId);
    expect(JSON.parse(delivery!.signed_body!.body)).toEqual(delivery!.prompt);
    expect(delivery!.signed_body!.signature).toMatch(/^[A-Za-z0-9_-]+\.\.[A-Za-z0-9_-]+$/);
  });

  it('schedules the next round after the backoff when the round has no channel left, then gives up after the last', async () => {
    const t = setup([hook], { rounds: 2 });
    const prompt = samplePrompt({ expiresAt: new Date(NOW.getTime() + 600_000) });
    expect(await t.next(prompt, 1, 1)).toBe('next_round');
    expect(await t.next(prompt, 2, 1)).toBe('undeliverable');
    expect(t.calls.map((c) => [c.op, c.dueAt ?? c.failure])).toEqual([
      ['round', new Date(NOW.getTime() + 1000)],
      ['give-up', 'all_channels_failed'],
    ]);
    expect((t.calls[1]!.event!.envelope as { data: unknown }).data).toMatchObject({ channels_tried: 1 });
  });

  it('gives up at once for an unknown user and for one whose entries are all disabled', async () => {
    const prompt = samplePrompt({ expiresAt: new Date(NOW.getTime() + 600_000) });
    const unknown = setup(null);
    expect(await unknown.next(prompt, 1, 0)).toBe('undeliverable');
    const disabled = setup([hook], { disabled: [entryHash(hook)] });
    expect(await disabled.next(prompt, 1, 0)).toBe('undeliverable');
    expect([...unknown.calls, ...disabled.calls].map((c) => c.failure)).toEqual(['user_unknown', 'no_channels']);
  });

  it('offers nothing for a prompt decided, settled or expired', async () => {
    const t = setup([hook]);
    expect(await t.next(samplePrompt({ status: 'approved', expiresAt: new Date(NOW.getTime() + 600_000) }), 1, 0)).toBe('settled');
    expect(await t.next(samplePrompt({ deliveryStatus: 'delivered', expiresAt: new Date(NOW.getTime() + 600_000) }), 1, 0)).toBe('settled');
    expect(await t.next(samplePrompt({ expiresAt: NOW }), 1, 0)).toBe('settled');
    expect(t.calls).toEqual([]);
  });
});
