import type { DeliveryMode, SutName } from '../args.ts';
import type { ServerProfiler } from '../profile/server-profiler.ts';

/** A registered confidential client (client_secret_basic). */
export interface BenchClient {
  clientId: string;
  /** The ready `Authorization: Basic …` header value. */
  authorization: string;
  mode: DeliveryMode;
}

/** A running CIBA server, as the drivers see it. */
export interface SystemUnderTest {
  name: SutName;
  /** Human-readable name with version. */
  label: string;
  bcAuthorizeUrl: string;
  tokenUrl: string;
  /** One client per delivery mode this system is benchmarked in. */
  clients: Partial<Record<DeliveryMode, BenchClient>>;
  /** The server process whose CPU (with that of every process under it) is charged to this system. */
  serverPid: number;
  /** With --cpu-prof: profiles the server's processes around each measurement. */
  profiler?: ServerProfiler;
  /** Helper processes of this system (its stores), by role, for CPU accounting. */
  storePids(): Promise<Record<string, number>>;
  /** Durable-store counters (commits, fsyncs) to diff around a workload. */
  storeCounters(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

/** The Basic authorization header of RFC 6749 §2.3.1 (form-urlencoded id and secret). */
export function basicAuthorization(clientId: string, secret: string): string {
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(clientId)}:${enc(secret)}`).toString('base64')}`;
}
