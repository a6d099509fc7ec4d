import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, test } from 'vitest';
import type { LiveInput } from './liveInputView.js';
import { LiveInputStore } from './liveInputStore.js';
import { startOnairServer } from './onairServer.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

test('live inputs survive a restart with a database file (same uid, secret and URLs)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'onair-db-'));
  dirs.push(dir);
  const db = join(dir, 'onair.sqlite');
  const first = await startOnairServer({ port: 0, db });
  const created = await fetch(`${first.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST', body: JSON.stringify({ meta: { name: 'kept' } }) });
  const input = ((await created.json()) as { result: LiveInput }).result;
  const port = first.port;
  await first.close();
  // As if the server had crashed while the creator was live.
  const store = new LiveInputStore(db);
  store.setStatus(input.uid, 'connected');
  store.close();

  const second = await startOnairServer({ port, db });
  try {
    const res = await fetch(`${second.url}/client/v4/accounts/local/stream/live_inputs/${input.uid}`);
    // Nobody is connected to a server that just started.
    expect(((await res.json()) as { result: LiveInput }).result).toEqual({ ...input, status: 'client_disconnect' });
  } finally {
    await second.close();
  }
});
