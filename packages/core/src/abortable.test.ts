import { describe, expect, it } from 'vitest';
import { OnairError } from './errors';
import { sleep, until } from './abortable';

/** An EventTarget that counts its listeners (what `until` must leave behind: none). */
class CountingTarget extends EventTarget {
  listeners = 0;
  override addEventListener(type: string, listener: EventListenerOrEventListenerObject | null, options?: AddEventListenerOptions | boolean) {
    this.listeners++;
    (options as AddEventListenerOptions).signal!.addEventListener('abort', () => this.listeners--);
    super.addEventListener(type, listener, options);
  }
}

describe('until', () => {
  it('resolves when the check passes on an event, and leaves no listener behind', async () => {
    const target = new CountingTarget();
    let ready = false;
    const waiting = until(undefined, 1_000, () => ready, (on) => on(target, 'change'));
    expect(target.listeners).toBe(1);
    ready = true;
    target.dispatchEvent(new Event('change'));
    await waiting;
    expect(target.listeners).toBe(0);
  });

  it('rejects with what the check throws, with late() on timeout, and as aborted when the signal aborts', async () => {
    const target = new EventTarget();
    const failing = until(undefined, 1_000, (event) => {
      if (event) throw new OnairError('network', 'failed');
    }, (on) => on(target, 'change'));
    target.dispatchEvent(new Event('change'));
    await expect(failing).rejects.toMatchObject({ kind: 'network' });
    await expect(until(undefined, 10, undefined, undefined, () => new OnairError('timeout', 'late'))).rejects.toMatchObject({ kind: 'timeout' });
    await expect(sleep(10)).resolves.toBeUndefined();
    const controller = new AbortController();
    const sleeping = sleep(60_000, controller.signal);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject({ kind: 'aborted' });
    await expect(sleep(10, controller.signal)).rejects.toMatchObject({ kind: 'aborted' });
  });
});
