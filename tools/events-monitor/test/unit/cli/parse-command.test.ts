import { parseCommand } from '../../../src/cli/parse-command.ts';
import { parseDuration } from '../../../src/cli/parse-duration.ts';
import { UsageError } from '../../../src/cli/usage-error.ts';

describe('parseCommand', () => {
  it('tail: filters, --json, --from-beginning and the reorder hold (500 ms by default)', () => {
    expect(parseCommand(['tail'])).toEqual({ name: 'tail', options: { filter: {}, json: false, fromBeginning: false, reorderMs: 500 } });
    const parsed = parseCommand(['tail', '--client', 'c1', '--user', 'alice', '--state', 'decided', '--state', 'redeemed', '--json', '--from-beginning', '--reorder-ms', '0']);
    expect(parsed).toMatchObject({ name: 'tail', options: { filter: { clientId: 'c1', sub: 'alice' }, json: true, fromBeginning: true, reorderMs: 0 } });
    expect(parsed.name === 'tail' && [...parsed.options.filter.stages!].sort()).toEqual(['approved', 'denied', 'redeemed']);
  });

  it('stats: --window (5 minutes by default)', () => {
    expect(parseCommand(['stats'])).toEqual({ name: 'stats', options: { windowMs: 300_000, json: false } });
    expect(parseCommand(['stats', '--window', '30s', '--json'])).toEqual({ name: 'stats', options: { windowMs: 30_000, json: true } });
  });

  it('dlq list and dlq replay (ids or --all, with --topic and --group)', () => {
    expect(parseCommand(['dlq', 'list', '--group', 'token.ciba-grants'])).toEqual({ name: 'dlq-list', options: { filter: { group: 'token.ciba-grants' }, json: false } });
    expect(parseCommand(['dlq', 'replay', 'a', 'b'])).toEqual({ name: 'dlq-replay', options: { ids: ['a', 'b'], all: false, filter: {}, json: false } });
    expect(parseCommand(['dlq', 'replay', '--all', '--topic', 'ciba.tokens'])).toEqual({ name: 'dlq-replay', options: { ids: [], all: true, filter: { topic: 'ciba.tokens' }, json: false } });
  });

  it('help with no command, help or --help', () => {
    for (const argv of [[], ['help'], ['--help'], ['tail', '--help']]) expect(parseCommand(argv)).toEqual({ name: 'help' });
  });

  it.each([
    [['bogus'], 'unknown command "bogus"'],
    [['tail', '--nope'], "Unknown option '--nope'"],
    [['tail', 'extra'], 'tail takes no arguments: extra'],
    [['tail', '--state', 'approve'], '--state: unknown state "approve"'],
    [['tail', '--reorder-ms', '70000'], '--reorder-ms: expected whole milliseconds from 0 to 60000'],
    [['stats', '--window', 'soon'], '--window: expected a duration such as 30s, 5m or 1h'],
    [['dlq'], 'dlq: expected list or replay'],
    [['dlq', 'drop'], 'dlq: expected list or replay, not "drop"'],
    [['dlq', 'replay'], 'dlq replay: give dead-letter ids or --all'],
    [['dlq', 'replay', 'a', '--all'], 'dlq replay: give dead-letter ids or --all'],
    [['dlq', 'list', 'a'], 'dlq list takes no ids'],
  ])('%j is a usage error: %s', (argv, message) => {
    expect(() => parseCommand(argv)).toThrow(UsageError);
    expect(() => parseCommand(argv)).toThrow(message);
  });
});

describe('parseDuration', () => {
  it.each([
    ['30s', 30_000],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['90', 90_000],
    ['1500ms', 1500],
  ])('%s is %i ms', (text, ms) => expect(parseDuration(text, '--window')).toBe(ms));

  it('refuses less than a second and more than a week', () => {
    expect(() => parseDuration('999ms', '--window')).toThrow('--window: expected from 1s to 168h');
    expect(() => parseDuration('169h', '--window')).toThrow('--window: expected from 1s to 168h');
  });
});
