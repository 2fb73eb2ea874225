import { EventEmitter } from 'node:events';
import type { Redis } from 'ioredis';
import { GroupReader, type ReadTarget } from '../../../src/redis-streams/group-reader.ts';
import type { StreamEntry } from '../../../src/redis-streams/stream-entry.ts';
import { testLogger } from '../../support/test-logger.ts';
import { sleep, waitFor } from '../../support/wait-for.ts';

type Reply = Array<[Error | null, unknown]>;

/** A reader connection whose pipelines record their commands and wait for the test's reply. */
class FakeReader extends EventEmitter {
  readonly sent: unknown[][][] = [];
  private replies: Array<(reply: Reply | Error) => void> = [];

  pipeline() {
    const commands: unknown[][] = [];
    const pipeline = {
      xack: (...args: unknown[]) => {
        commands.push(['xack', ...args]);
        return pipeline;
      },
      xreadgroup: (...args: unknown[]) => {
        commands.push(['xreadgroup', ...args]);
        return pipeline;
      },
      exec: () => {
        this.sent.push(commands);
        return new Promise<Reply>((resolve, reject) => this.replies.push((reply) => (reply instanceof Error ? reject(reply) : resolve(reply))));
      },
    };
    return pipeline;
  }

  /** Answers the oldest pipeline still waiting. */
  answer(reply: Reply | Error): void {
    const next = this.replies.shift();
    if (!next) throw new Error('no pipeline is waiting');
    next(reply);
  }

  get waiting(): number {
    return this.replies.length;
  }

  disconnect(): void {}
}

class FakeTarget implements ReadTarget {
  ready = true;
  readonly delivered: StreamEntry[] = [];
  readonly givenBack: string[] = [];
  recovered = 0;
  owed: string[] = [];

  constructor(private readonly reader: () => GroupReader) {}

  deliver(entries: readonly StreamEntry[]): void {
    this.ready = false;
    this.delivered.push(...entries);
  }

  /** The worker finished what it was given. */
  finish(): void {
    this.ready = true;
    this.reader().wake();
  }

  recover(): void {
    this.recovered += 1;
  }

  takeAcks(): string[] {
    const ids = this.owed;
    this.owed = [];
    return ids;
  }

  giveBackAcks(ids: readonly string[]): void {
    this.givenBack.push(...ids);
  }
}

const entry = (id: string): [string, string[]] => [id, ['key', 'k', 'event', '{}']];
const read = (...streams: Array<[string, Array<[string, string[]]>]>): [null, unknown] => [null, streams];

let fake: FakeReader;
let reader: GroupReader;
const target = () => new FakeTarget(() => reader);

beforeEach(() => {
  fake = new FakeReader();
  reader = new GroupReader({
    reader: fake as unknown as Redis,
    redis: {} as Redis,
    group: 'g',
    consumer: 'c',
    batchSize: 16,
    blockMs: 1000,
    gatherMs: 300,
    retry: { initialMs: 1, maxMs: 2 },
    logger: testLogger,
  });
});

afterEach(async () => {
  const closing = reader.close();
  while (fake.waiting > 0) fake.answer([read()]);
  await closing;
});

describe('GroupReader', () => {
  test('reads every ready stream in one XREADGROUP, with the handled entries acknowledged ahead of it, and hands each stream its entries', async () => {
    const [a, b] = [target(), target()];
    a.owed = ['1-0', '2-0'];
    reader.add('s:a', a);
    reader.add('s:b', b);
    reader.start();
    await waitFor('the read', () => fake.waiting === 1, 1000);
    expect(fake.sent[0]).toEqual([
      ['xack', 's:a', 'g', '1-0', '2-0'],
      ['xreadgroup', 'GROUP', 'g', 'c', 'COUNT', 16, 'BLOCK', 1000, 'STREAMS', 's:a', 's:b', '>', '>'],
    ]);
    fake.answer([[null, 2], read(['s:a', [entry('5-0'), entry('6-0')]], ['s:b', [entry('7-0')]])]);
    await waitFor('the deliveries', () => a.delivered.length === 2 && b.delivered.length === 1, 1000);
    expect(a.delivered.map((e) => e.id)).toEqual(['5-0', '6-0']);
    expect(b.delivered.map((e) => e.id)).toEqual(['7-0']);
  });

  test('reads again once the workers it fed are done; one still busy after the gather wait is left out, with a short block', async () => {
    const [a, b] = [target(), target()];
    reader.add('s:a', a);
    reader.add('s:b', b);
    reader.start();
    await waitFor('the read', () => fake.waiting === 1, 1000);
    fake.answer([read(['s:a', [entry('5-0')]], ['s:b', [entry('6-0')]])]);
    await waitFor('the deliveries', () => !a.ready && !b.ready, 1000);
    a.owed = ['5-0'];
    a.finish();
    await sleep(20);
    expect(fake.sent).toHaveLength(1); // b is still busy: wait for it
    await waitFor('the next read', () => fake.waiting === 1, 1000);
    expect(fake.sent[1]).toEqual([
      ['xack', 's:a', 'g', '5-0'],
      ['xreadgroup', 'GROUP', 'g', 'c', 'COUNT', 16, 'BLOCK', 300, 'STREAMS', 's:a', '>'],
    ]);
  });

  test('a failed read gives its acknowledgements back and has the streams it read drain their pending entries', async () => {
    const [a, b] = [target(), target()];
    a.owed = ['1-0'];
    reader.add('s:a', a);
    reader.add('s:b', b);
    reader.start();
    await waitFor('the read', () => fake.waiting === 1, 1000);
    fake.answer(new Error('connection lost'));
    await waitFor('the recovery', () => a.recovered === 1 && b.recovered === 1, 1000);
    expect(a.givenBack).toEqual(['1-0']);
    expect(a.delivered).toHaveLength(0);
  });

  test('remove() resolves once the read in flight is over, and what that read brought for the stream is not handed over', async () => {
    const [a, b] = [target(), target()];
    reader.add('s:a', a);
    reader.add('s:b', b);
    reader.start();
    await waitFor('the read', () => fake.waiting === 1, 1000);
    let removed = false;
    const removing = reader.remove('s:b').then(() => (removed = true));
    await sleep(10);
    expect(removed).toBe(false);
    fake.answer([read(['s:a', [entry('5-0')]], ['s:b', [entry('6-0')]])]);
    await removing;
    expect(a.delivered).toHaveLength(1);
    expect(b.delivered).toHaveLength(0);
  });

  test('close() gives the acknowledgements of the read in flight back to their workers', async () => {
    const a = target();
    a.owed = ['1-0'];
    reader.add('s:a', a);
    reader.start();
    await waitFor('the read', () => fake.waiting === 1, 1000);
    await reader.close();
    expect(a.givenBack).toEqual(['1-0']);
  });
});
