import { watchConsumerLag } from '../../src/consumer-lag-metrics.ts';
import { sampleValue, sampleValues } from '../support/sample-values.ts';

describe('watchConsumerLag (ciba_consumer_lag)', () => {
  it('reads each watched group at scrape time, the larger answer for a group watched twice, and stops when unwatched', async () => {
    const stop = [
      watchConsumerLag('token.grants', ['ciba.auth-requests', 'ciba.consent-decisions'], async () => [
        { topic: 'ciba.auth-requests', group: 'token.grants', lag: 3 },
        { topic: 'ciba.consent-decisions', group: 'token.grants', lag: 0 },
      ]),
      watchConsumerLag('token.grants', ['ciba.auth-requests'], async () => [{ topic: 'ciba.auth-requests', group: 'token.grants', lag: 5 }]),
    ];
    expect(await sampleValue('ciba_consumer_lag', { topic: 'ciba.auth-requests', group: 'token.grants' })).toBe(5);
    expect(await sampleValue('ciba_consumer_lag', { topic: 'ciba.consent-decisions', group: 'token.grants' })).toBe(0);
    for (const unwatch of stop) unwatch();
    expect(await sampleValues('ciba_consumer_lag')).toEqual([]);
  });

  it('a broker that fails or stalls gives NaN for its group, counts a collect error, and leaves the other groups be', async () => {
    const errorsBefore = (await sampleValue('ciba_metrics_collect_errors_total', { collector: 'consumer_lag' })) ?? 0;
    const stop = [
      watchConsumerLag('notifier.notifications', ['ciba.consent-decisions'], () => new Promise(() => undefined), 20),
      watchConsumerLag('channel.sms', ['ciba.channel-offers.sms'], async () => Promise.reject(new Error('broker down'))),
      watchConsumerLag('channel.webhook', ['ciba.channel-offers.webhook'], async () => [{ topic: 'ciba.channel-offers.webhook', group: 'channel.webhook', lag: 1 }]),
    ];
    // One scrape:
    const samples = new Map((await sampleValues('ciba_consumer_lag')).map((s) => [`${s.labels.group} ${s.labels.topic}`, s.value]));
    expect(samples.get('notifier.notifications ciba.consent-decisions')).toBeNaN();
    expect(samples.get('channel.sms ciba.channel-offers.sms')).toBeNaN();
    expect(samples.get('channel.webhook ciba.channel-offers.webhook')).toBe(1);
    expect(await sampleValue('ciba_metrics_collect_errors_total', { collector: 'consumer_lag' })).toBe(errorsBefore + 2);
    for (const unwatch of stop) unwatch();
  });
});
