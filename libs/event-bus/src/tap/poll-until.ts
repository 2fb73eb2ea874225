/** Asks `condition` every `everyMs` until it holds (resolves) or `stopped()` (resolves too); a failing ask counts as no. */
export async function pollUntil(condition: () => Promise<boolean>, stopped: () => boolean, everyMs = 2000): Promise<void> {
  while (!stopped()) {
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    if (!stopped() && (await condition().catch(() => false))) return;
  }
}
