/** The log calls a push deliverer makes (pino's `Logger` fits); log objects carry no token or address. */
export interface PushLogger {
  warn(obj: object, msg?: string): void;
}
