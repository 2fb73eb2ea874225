type Task = { name: string; run: () => Promise<void> | void };

const tasks: Task[] = [];
let installed = false;
let running: Promise<void> | undefined;

/** Registers work to undo at the end of the run (last registered runs first); returns an unregister function. */
export function onCleanup(name: string, run: Task['run']): () => void {
  const task = { name, run };
  tasks.push(task);
  installSignalHandlers();
  return () => {
    const at = tasks.indexOf(task);
    if (at >= 0) tasks.splice(at, 1);
  };
}

/** Runs every registered task once, newest first; errors are reported, never thrown. */
export function cleanupAll(): Promise<void> {
  running ??= (async () => {
    while (tasks.length) {
      const task = tasks.pop()!;
      try {
        await task.run();
      } catch (err) {
        process.stderr.write(`cleanup of ${task.name} failed: ${(err as Error).message}\n`);
      }
    }
  })();
  return running;
}

function installSignalHandlers(): void {
  if (installed) return;
  installed = true;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping servers and removing bench data…\n`);
      void cleanupAll().finally(() => process.exit(130));
    });
  }
}
