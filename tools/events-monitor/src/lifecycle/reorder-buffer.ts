/**
 * Holds items for `holdMs` after they arrive and releases them in the order of their own time, so
 * that one request's events read from different topics (and partitions) print in the order they
 * happened. An item delayed longer than `holdMs` is released as soon as it arrives.
 */
export class ReorderBuffer<T> {
  private held: Array<{ item: T; at: number; arrived: number }> = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly holdMs: number,
    private readonly timeOf: (item: T) => number,
    private readonly release: (item: T) => void,
    private readonly now: () => number = Date.now,
  ) {}

  push(item: T): void {
    if (this.holdMs <= 0) return this.release(item);
    this.held.push({ item, at: this.timeOf(item), arrived: this.now() });
    this.timer ??= setInterval(() => this.flush(false), Math.max(10, Math.floor(this.holdMs / 4)));
  }

  /** Releases what has been held long enough (everything with `all`), oldest time first. */
  flush(all: boolean): void {
    const due = this.now() - this.holdMs;
    const ready = all ? this.held : this.held.filter((h) => h.arrived <= due);
    if (ready.length === 0) return;
    // Anything held that happened before the latest ready item goes out with it, in order.
    const until = Math.max(...ready.map((h) => h.at));
    const out = this.held.filter((h) => all || h.arrived <= due || h.at <= until);
    this.held = this.held.filter((h) => !out.includes(h));
    out.sort((a, b) => a.at - b.at).forEach((h) => this.release(h.item));
    if (this.held.length === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  close(): void {
    this.flush(true);
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
