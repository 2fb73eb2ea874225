import { flowMetrics } from '../../src/flow-metrics.ts';
import { startMetricsServer } from '../../src/metrics-server.ts';

const logger = { info: () => undefined, warn: () => undefined };

describe('startMetricsServer', () => {
  it('serves GET /metrics in the Prometheus text format on a port of its own, Node defaults labelled with the service; nothing else', async () => {
    const server = await startMetricsServer({ service: 'token', port: 0, host: '127.0.0.1', logger });
    try {
      expect(server.url).toBe(`http://127.0.0.1:${server.port}/metrics`);
      flowMetrics.outcome('requested');
      flowMetrics.stage('token_issued', new Date(Date.now() - 1500));
      const res = await fetch(server.url!);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
      const text = await res.text();
      expect(text).toContain('ciba_flow_outcomes_total{outcome="requested"} 1');
      expect(text).toContain('ciba_flow_stage_seconds_bucket{le="2.5",stage="token_issued"} 1');
      expect(text).toContain('ciba_flow_stage_seconds_bucket{le="1",stage="token_issued"} 0');
      expect(text).toMatch(/^process_cpu_user_seconds_total\{service="token"\} /m);
      expect((await fetch(server.url!.replace('/metrics', '/'))).status).toBe(404);
      expect((await fetch(server.url!, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('METRICS_PORT=off: no listener', async () => {
    const server = await startMetricsServer({ service: 'token', port: 'off', logger });
    expect(server.url).toBeUndefined();
    expect(server.port).toBeUndefined();
    await server.close();
  });
});
