import { describe, expect, it } from 'vitest';
import { FifoLock } from './fifo-lock.js';

describe('FifoLock', () => {
  it('is taken at once when free', async () => {
    const lock = new FifoLock();
    let taken = false;
    void lock.acquire().then(() => (taken = true));
    await Promise.resolve();
    expect(taken).toBe(true);
  });

  it('hands itself to its waiters one at a time, in the order they asked', async () => {
    const lock = new FifoLock();
    const order: string[] = [];
    let inside = 0;
    const worker = (name: string) =>
      lock.acquire().then(async () => {
        inside += 1;
        expect(inside).toBe(1);
        order.push(name);
        await new Promise((resolve) => setTimeout(resolve, 1));
        inside -= 1;
        lock.release();
      });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map(worker));
    expect(order).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('is not free between a release and the next waiter running, so a newcomer cannot jump the queue', async () => {
    const lock = new FifoLock();
    await lock.acquire();
    const order: string[] = [];
    const waiter = lock.acquire().then(() => order.push('waiter'));
    lock.release();
    // Asked after the release, before the waiter has run: it comes second.
    const newcomer = lock.acquire().then(() => order.push('newcomer'));
    await waiter;
    lock.release();
    await newcomer;
    lock.release();
    expect(order).toEqual(['waiter', 'newcomer']);
  });
});
