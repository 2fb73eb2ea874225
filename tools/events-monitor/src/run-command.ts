import type { Command } from './cli/parse-command.ts';
import { USAGE } from './cli/usage.ts';
import type { MonitorContext } from './commands/monitor-context.ts';
import { tail } from './commands/tail.ts';
import { stats } from './commands/stats.ts';
import { dlqList } from './commands/dlq-list.ts';
import { dlqReplay } from './commands/dlq-replay.ts';

/** Runs one command; answers the exit status. */
export async function runCommand(ctx: MonitorContext, command: Command): Promise<number> {
  switch (command.name) {
    case 'help':
      ctx.out(USAGE);
      return 0;
    case 'tail':
      await tail(ctx, command.options);
      return 0;
    case 'stats':
      await stats(ctx, command.options);
      return 0;
    case 'dlq-list':
      await dlqList(ctx, command.options);
      return 0;
    case 'dlq-replay':
      return (await dlqReplay(ctx, command.options)) > 0 ? 1 : 0;
  }
}
