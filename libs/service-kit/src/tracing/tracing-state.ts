/** Whether `startTracing` registered an SDK in this process; until then the request middleware steps aside entirely. */
let started = false;

export function tracingStarted(): boolean {
  return started;
}

export function setTracingStarted(value: boolean): void {
  started = value;
}
