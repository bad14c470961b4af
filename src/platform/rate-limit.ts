/**
 * Fixed-window counters kept in memory. Harbour runs as one process, so memory is the whole
 * truth; a restart forgets the counts, which only ever errs towards letting someone retry.
 */
export class RateLimiter {
  readonly #windows = new Map<string, { start: number; count: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => Date,
  ) {}

  #current(key: string) {
    const now = this.now().getTime();
    const window = this.#windows.get(key);
    if (!window || now - window.start >= this.windowMs) {
      const fresh = { start: now, count: 0 };
      this.#windows.set(key, fresh);
      if (this.#windows.size > 10_000) this.#sweep(now);
      return fresh;
    }
    return window;
  }

  #sweep(now: number) {
    for (const [key, window] of this.#windows) if (now - window.start >= this.windowMs) this.#windows.delete(key);
  }

  isBlocked(key: string): boolean {
    return this.#current(key).count >= this.limit;
  }

  hit(key: string): void {
    this.#current(key).count++;
  }

  reset(key: string): void {
    this.#windows.delete(key);
  }
}
