import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test, vi } from 'vitest';
import type { LiveInput } from './liveInputView.js';
import { startOnairServer } from './onairServer.js';
import type { LiveInputWebhook } from './webhookNotifier.js';
import { liveInputWebhook, WebhookNotifier } from './webhookNotifier.js';
import type { TestPeer } from './weriftTestPeer.js';
import { connect, creatorPeer, eventually } from './weriftTestPeer.js';

vi.setConfig({ testTimeout: 20_000 });
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A receiver that fails the first `failures` deliveries with 500. */
async function receiver(failures: number) {
  const received: LiveInputWebhook[] = [];
  let attempts = 0;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      attempts++;
      if (attempts <= failures) return res.writeHead(500).end();
      received.push(JSON.parse(body) as LiveInputWebhook);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, received, attempts: () => attempts };
}

test('connected and disconnected are POSTed in Cloudflare’s shape, retried until delivered', async () => {
  const hook = await receiver(2);
  const server = await startOnairServer({ port: 0, webhook: { url: hook.url, retryDelayMs: 10 } });
  cleanups.push(() => server.close());
  const res = await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST', body: JSON.stringify({ meta: { name: 'cam 1' } }) });
  const input = ((await res.json()) as { result: LiveInput }).result;
  const creator: TestPeer = await creatorPeer();
  cleanups.push(() => creator.close());
  const { session } = await connect(creator, input.webRTC.url);

  await eventually('connected webhook', () => hook.received.length === 1);
  expect(hook.attempts()).toBe(3);
  expect(hook.received[0]).toMatchObject({
    name: 'cam 1',
    data: { notification_name: 'Stream Live Input', input_id: input.uid, event_type: 'live_input.connected' },
  });
  expect(Date.parse(hook.received[0]!.data.updated_at)).not.toBeNaN();
  expect(hook.received[0]!.ts).toBeGreaterThan(1_700_000_000);

  await fetch(session, { method: 'DELETE' });
  await eventually('disconnected webhook', () => hook.received.length === 2);
  expect(hook.received[1]!.data.event_type).toBe('live_input.disconnected');
});

test('gives up after the configured attempts', async () => {
  const hook = await receiver(Infinity);
  const notifier = new WebhookNotifier({ url: hook.url, attempts: 3, retryDelayMs: 5 });
  cleanups.push(() => notifier.close());
  notifier.send(liveInputWebhook('uid', 'name', 'live_input.connected'));
  await eventually('three attempts', () => hook.attempts() === 3);
  // A fourth attempt would come 20 ms after the third; wait well past it.
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(hook.attempts()).toBe(3);
});
