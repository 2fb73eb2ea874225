import { formatBusComparison } from '../../../src/report/format-bus-comparison.ts';
import { summarize } from '../../../src/report/summarize.ts';
import { sample } from '../../support/sample.ts';

describe('formatBusComparison', () => {
  it('one line per workload both buses ran: throughput, p99, CPU of our processes and of the broker', () => {
    const rows = summarize([
      sample({ opsPerSec: 400, p99: 50, cpuPerOp: { server: 0.002, postgres: 0.001, redis: 0.0001, driver: 0.0003 } }),
      sample({ system: 'ours-kafka', opsPerSec: 300, p99: 80, cpuPerOp: { server: 0.0025, postgres: 0.001, redis: 0.0001, kafka: 0.0012, driver: 0.0003 } }),
      sample({ system: 'oidc-provider', opsPerSec: 900 }),
      sample({ workload: 'poll-pending', opsPerSec: 2000 }),
    ]);
    const lines = formatBusComparison(rows).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toMatch(/^bc-authorize\s+400\s+300\s+0\.75×\s+50\.0\s+80\.0\s+3\.10\s+4\.80\s+1\.20\s+2\.00\s+2\.50$/);
  });

  it('is empty unless ours ran over both buses', () => {
    expect(formatBusComparison(summarize([sample({}), sample({ system: 'oidc-provider' })]))).toBe('');
  });
});
