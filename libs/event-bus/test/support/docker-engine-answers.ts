import { spawnSync } from 'node:child_process';

/** Pings the engine at DOCKER_HOST (default: the local socket); run in a child so the answer is synchronous. */
const PING = `
const http = require('node:http');
const host = process.env.DOCKER_HOST || 'unix:///var/run/docker.sock';
const target = host.startsWith('unix://') ? { socketPath: host.slice('unix://'.length) } : (() => {
  const url = new URL(host.replace(/^tcp:/, 'http:'));
  return { host: url.hostname, port: url.port };
})();
http.get({ ...target, path: '/_ping', timeout: 3000 }, (res) => process.exit(res.statusCode === 200 ? 0 : 1))
  .on('error', () => process.exit(1))
  .on('timeout', () => process.exit(1));
`;

/**
 * Whether a Docker engine answers right now. Jest registers tests synchronously, so a suite that
 * needs one must know before it starts; a child process gives a synchronous answer.
 */
export function dockerEngineAnswers(): boolean {
  return spawnSync(process.execPath, ['-e', PING], { stdio: 'ignore', timeout: 10_000 }).status === 0;
}
