import { parseArgs } from 'node:util';
import type { TailOptions } from '../commands/tail.ts';
import type { DlqReplayOptions } from '../commands/dlq-replay.ts';
import type { DeadLetterFilter } from '../dlq/read-dead-letters.ts';
import { parseStages } from '../lifecycle/tail-filter.ts';
import { parseDuration } from './parse-duration.ts';
import { UsageError } from './usage-error.ts';

export type Command =
  | { name: 'tail'; options: TailOptions }
  | { name: 'stats'; options: { windowMs: number; json: boolean } }
  | { name: 'dlq-list'; options: { filter: DeadLetterFilter; json: boolean } }
  | { name: 'dlq-replay'; options: DlqReplayOptions }
  | { name: 'help' };

const common = { json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } as const;

/** `parseArgs`, its errors (unknown option, missing value) as usage errors. */
function guard<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

/** The command and its options from `argv` (without node and the script). */
export function parseCommand(argv: readonly string[]): Command {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') return { name: 'help' };
  if (name === 'tail') {
    const { values, positionals } = guard(() =>
      parseArgs({
        args: rest,
        options: { ...common, client: { type: 'string' }, user: { type: 'string' }, state: { type: 'string', multiple: true }, 'from-beginning': { type: 'boolean' }, 'reorder-ms': { type: 'string' } },
        allowPositionals: true,
      }),
    );
    if (values.help) return { name: 'help' };
    if (positionals.length > 0) throw new UsageError(`tail takes no arguments: ${positionals.join(' ')}`);
    const reorderMs = values['reorder-ms'] === undefined ? 500 : Number(values['reorder-ms']);
    if (!Number.isInteger(reorderMs) || reorderMs < 0 || reorderMs > 60_000) throw new UsageError('--reorder-ms: expected whole milliseconds from 0 to 60000');
    let stages;
    try {
      stages = values.state ? parseStages(values.state) : undefined;
    } catch (err) {
      throw new UsageError((err as Error).message);
    }
    const filter = { ...(values.client ? { clientId: values.client } : {}), ...(values.user ? { sub: values.user } : {}), ...(stages ? { stages } : {}) };
    return { name: 'tail', options: { filter, json: values.json === true, fromBeginning: values['from-beginning'] === true, reorderMs } };
  }
  if (name === 'stats') {
    const { values, positionals } = guard(() => parseArgs({ args: rest, options: { ...common, window: { type: 'string' } }, allowPositionals: true }));
    if (values.help) return { name: 'help' };
    if (positionals.length > 0) throw new UsageError(`stats takes no arguments: ${positionals.join(' ')}`);
    return { name: 'stats', options: { windowMs: parseDuration(values.window ?? '5m', '--window'), json: values.json === true } };
  }
  if (name === 'dlq') {
    const [sub, ...more] = rest;
    const { values, positionals } = guard(() => parseArgs({ args: more, options: { ...common, topic: { type: 'string' }, group: { type: 'string' }, all: { type: 'boolean' } }, allowPositionals: true }));
    if (values.help) return { name: 'help' };
    const filter = { ...(values.topic ? { topic: values.topic } : {}), ...(values.group ? { group: values.group } : {}) };
    if (sub === 'list') {
      if (positionals.length > 0 || values.all) throw new UsageError('dlq list takes no ids');
      return { name: 'dlq-list', options: { filter, json: values.json === true } };
    }
    if (sub === 'replay') {
      const all = values.all === true;
      if (all === positionals.length > 0) throw new UsageError('dlq replay: give dead-letter ids or --all');
      return { name: 'dlq-replay', options: { ids: positionals, all, filter, json: values.json === true } };
    }
    throw new UsageError(`dlq: expected list or replay${sub ? `, not ${JSON.stringify(sub)}` : ''}`);
  }
  throw new UsageError(`unknown command ${JSON.stringify(name)}`);
}
