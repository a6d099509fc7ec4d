import type { ServerResponse } from 'node:http';
import { afterEach, expect, test, vi } from 'vitest';
import type { InputRelay, RelayEvent } from './relay.js';
import { ViewerEvents } from './viewerEvents.js';

// Input-level subscriptions (linked on the 409 while nobody publishes) have no session to end with.

function relay(live: boolean): InputRelay {
  const listeners = new Set<(event: RelayEvent) => void>();
  return {
    live,
    viewerCount: 0,
    subscribe: (listener: (event: RelayEvent) => void) => (listeners.add(listener), () => listeners.delete(listener)),
  } as unknown as InputRelay;
}

function response() {
  const handlers = new Map<string, () => void>();
  const res = {
    written: '',
    writeHead: vi.fn(),
    write(chunk: string) {
      res.written += chunk;
    },
    end: vi.fn(),
    on: (event: string, handler: () => void) => handlers.set(event, handler),
    close: () => handlers.get('close')!(),
  };
  return res;
}

afterEach(() => vi.useRealTimers());

test('an input’s subscription streams the creator’s state and serves one stream: gone once it ends', () => {
  const events = new ViewerEvents();
  const id = events.subscribe('uid1', '');
  const res = response();
  events.stream(id, 'uid1', relay(false), res as unknown as ServerResponse);
  expect(res.written).toContain('event: inactive');
  res.close();
  expect(() => events.stream(id, 'uid1', relay(false), response() as unknown as ServerResponse)).toThrow(expect.objectContaining({ status: 404 }));
});

test('an input’s subscription nobody reads is dropped after 30 s; another input’s id is not found', () => {
  vi.useFakeTimers();
  const events = new ViewerEvents();
  const id = events.subscribe('uid1', '');
  expect(() => events.stream(id, 'uid2', relay(false), response() as unknown as ServerResponse)).toThrow(expect.objectContaining({ status: 404 }));
  vi.advanceTimersByTime(30_000);
  expect(() => events.stream(id, 'uid1', relay(false), response() as unknown as ServerResponse)).toThrow(expect.objectContaining({ status: 404 }));
});
