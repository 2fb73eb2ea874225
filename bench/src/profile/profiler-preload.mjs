// Loaded into a measured server with --import when the bench runs with --cpu-prof (BENCH_PROFILE_DIR set):
// SIGUSR2 starts the in-process V8 profiler (node:inspector) and writes <pid>.started; the next SIGUSR2
// stops it and writes <pid>-<n>.cpuprofile. So each measurement gets its own profile of each process.
import { Session } from 'node:inspector';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  mkdirSync(dir, { recursive: true });
  const session = new Session();
  session.connect();
  const post = (method, params = {}) => new Promise((resolve, reject) => session.post(method, params, (err, result) => (err ? reject(err) : resolve(result))));
  let running = false;
  let count = 0;
  let busy = Promise.resolve();
  const toggle = async () => {
    if (!running) {
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 1000 });
      await post('Profiler.start');
      running = true;
      writeFileSync(join(dir, `${process.pid}.started`), String(count + 1));
      return;
    }
    const { profile } = await post('Profiler.stop');
    running = false;
    const file = join(dir, `${process.pid}-${++count}.cpuprofile`);
    writeFileSync(`${file}.tmp`, JSON.stringify(profile));
    renameSync(`${file}.tmp`, file);
  };
  process.on('SIGUSR2', () => {
    busy = busy.then(toggle).catch((err) => process.stderr.write(`bench profiler: ${err.message}\n`));
  });
}
