import { QUEUE_STATES, watchQueue } from '../../src/queue-metrics.ts';
import { sampleValue, sampleValues } from '../support/sample-values.ts';

describe('watchQueue (ciba_queue_jobs)', () => {
  it('reports every state of the queue (0 for those the counts leave out) and NaN plus a collect error when Redis does not answer', async () => {
    let down = false;
    const unwatch = watchQueue('client-notification-delivery', async () => {
      if (down) throw new Error('redis down');
      return { waiting: 2, delayed: 1, completed: 9 };
    });
    expect(await sampleValue('ciba_queue_jobs', { queue: 'client-notification-delivery', state: 'waiting' })).toBe(2);
    expect(await sampleValue('ciba_queue_jobs', { queue: 'client-notification-delivery', state: 'active' })).toBe(0);
    expect((await sampleValues('ciba_queue_jobs')).map((s) => s.labels.state).sort()).toEqual([...QUEUE_STATES].sort());

    down = true;
    const errorsBefore = (await sampleValue('ciba_metrics_collect_errors_total', { collector: 'queue' })) ?? 0;
    expect(await sampleValue('ciba_queue_jobs', { queue: 'client-notification-delivery', state: 'waiting' })).toBeNaN();
    expect(await sampleValue('ciba_metrics_collect_errors_total', { collector: 'queue' })).toBe(errorsBefore + 1);
    unwatch();
    expect(await sampleValues('ciba_queue_jobs')).toEqual([]);
  });
});
