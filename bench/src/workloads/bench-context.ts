import type { BenchOptions } from '../args.ts';
import type { ClientNotificationReceiver } from '../client-notifications.ts';
import type { DeviceSimulator } from '../device-simulator.ts';

/** What every workload shares: the options, the device and the relying party's callback endpoint. */
export interface BenchContext {
  options: BenchOptions;
  device: DeviceSimulator;
  notifications: ClientNotificationReceiver;
  /** Users registered on both systems (login hints user0…user{n-1}@bench.example). */
  users: number;
  /** Remarks for the report (modes not measured and why). */
  notes: string[];
}

/** The scope every bench request asks for. */
export const BENCH_SCOPE = 'openid profile email';
export const CIBA_GRANT = 'urn:openid:params:grant-type:ciba';
