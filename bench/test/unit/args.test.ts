import { parseBenchArgs } from '../../src/args.ts';

describe('parseBenchArgs', () => {
  it('defaults: 3 rounds of 10 s at concurrency 32, every workload, both systems, every mode', () => {
    const o = parseBenchArgs([]);
    expect(o).toMatchObject({ rounds: 3, duration: 10, concurrency: 32, users: 1000, pending: 1000, interval: 1, scale: false, pgbench: true, cpuProf: false, out: 'bench/results' });
    expect(o.workloads).toEqual(['bc-authorize', 'poll-pending', 'full-flow']);
    expect(o.systems).toEqual(['ours', 'oidc-provider']);
    expect(o.modes).toEqual(['poll', 'ping', 'push']);
    expect(o.buses).toEqual(['redis']);
    expect(o.kafkaBrokers).toBeUndefined();
    expect(o.scaleConcurrency).toEqual([8, 32, 128]);
    expect(o.scaleUsers).toEqual([1000, 100_000, 1_000_000]);
  });

  it('--quick shortens the run, explicit flags still win', () => {
    expect(parseBenchArgs(['--quick'])).toMatchObject({ quick: true, rounds: 1, duration: 3, users: 100, pending: 200 });
    expect(parseBenchArgs(['--quick', '--duration', '7', '--rounds', '2'])).toMatchObject({ duration: 7, rounds: 2 });
  });

  it('parses lists, deduplicates them and accepts 1e5-style numbers', () => {
    const o = parseBenchArgs(['--workloads', 'poll-pending,bc-authorize,poll-pending', '--systems', 'oidc-provider', '--modes', 'ping', '--scale', '--scale-users', '1e3,1e5', '--scale-concurrency', '1,2,4', '--no-pgbench', '--cpu-prof', '--out', '/tmp/x']);
    expect(o).toMatchObject({ workloads: ['poll-pending', 'bc-authorize'], systems: ['oidc-provider'], modes: ['ping'], scale: true, scaleUsers: [1000, 100_000], scaleConcurrency: [1, 2, 4], pgbench: false, cpuProf: true, out: '/tmp/x' });
  });

  it('--bus runs ours over each listed bus; --kafka-brokers names an existing Kafka', () => {
    expect(parseBenchArgs(['--bus', 'kafka'])).toMatchObject({ buses: ['kafka'] });
    expect(parseBenchArgs(['--bus', 'redis,kafka', '--kafka-brokers', '127.0.0.1:9092, k2:9093'])).toMatchObject({ buses: ['redis', 'kafka'], kafkaBrokers: ['127.0.0.1:9092', 'k2:9093'] });
  });

  it.each([
    [['--bus', 'nats'], '--bus: expected a comma list of redis, kafka, got "nats"'],
    [['--kafka-brokers', 'nohostport'], '--kafka-brokers: expected host:port[,host:port...], got "nohostport"'],
    [['--duration', '0'], '--duration: expected a whole number ≥ 1, got "0"'],
    [['--concurrency', '2.5'], '--concurrency: expected a whole number ≥ 1, got "2.5"'],
    [['--workloads', 'everything'], '--workloads: expected a comma list of bc-authorize, poll-pending, full-flow, got "everything"'],
    [['--systems', ''], '--systems: expected a comma list of ours, oidc-provider, got ""'],
    [['--scale-users', '10,x'], '--scale-users: expected a comma list of whole numbers ≥ 1, got "10,x"'],
  ])('rejects %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });

  it('--workers lists process counts of ours; --scale-pending sizes the pending step (0 skips it)', () => {
    expect(parseBenchArgs([])).toMatchObject({ workers: [1], scalePending: 100_000 });
    expect(parseBenchArgs(['--quick'])).toMatchObject({ scalePending: 2000 });
    expect(parseBenchArgs(['--workers', '1,2,2', '--scale-pending', '0'])).toMatchObject({ workers: [1, 2], scalePending: 0 });
    expect(() => parseBenchArgs(['--workers', '0'])).toThrow('--workers: expected a comma list of whole numbers ≥ 1, got "0"');
  });

  it('rejects unknown flags and positionals', () => {
    expect(() => parseBenchArgs(['--fast'])).toThrow(/Unknown option '--fast'/);
    expect(() => parseBenchArgs(['run'])).toThrow(/Unexpected argument 'run'/);
  });
});
