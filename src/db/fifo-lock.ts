/**
 * A lock handed to its waiters one at a time, in the order they asked.
 *
 * SQLite has one connection, and Kysely's own lock for it wakes every waiter at each release, so
 * that all but one go back to waiting: with a transaction holding the connection and a few dozen
 * requests queued behind it, that herd was a tenth of the server's time. Here a release wakes the
 * next waiter only, and the lock passes to it without ever being free in between.
 */
export class FifoLock {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  acquire(): Promise<void> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#held = false;
  }
}
