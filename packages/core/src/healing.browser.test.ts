import { afterEach, expect, test } from 'vitest';
import { commands } from 'vitest/browser';
import { WhipSession, type WhipStatus } from './index';
import { cleanupsAfterEach, fakeCamera, serverProcessForFile } from '../../../tests/support/browserHooks';
import { until } from '../../../tests/support/until';

// Healing that does not give up too early or leak, in Chromium against a real @onair/server
// process (one we can freeze and kill): busy answers while reconnecting, a first connection while
// the server restarts, and stop() while the POST is still out.
const DEADLINE_MS = 60_000;

const server = serverProcessForFile();
const cleanups = cleanupsAfterEach();
// Registered last, so it runs first: the cleanups' DELETEs need a server that answers.
afterEach(() => commands.resumeServerProcess());

async function setup() {
  const input = await server.createInput('healing');
  const stream = await fakeCamera(cleanups, 320, 180);
  /** Every request the publisher makes, with its answer: `POST 201`, `DELETE 200`, … */
  const seen: string[] = [];
  const sent: string[] = [];
  /** Answers to give instead of the server's, in order, for requests that `when` picks. */
  const scripted: { when: (method: string, init?: RequestInit) => boolean; status: number; headers?: Record<string, string> }[] = [];
  const recorded: typeof fetch = async (url, init) => {
    const method = init?.method ?? 'GET';
    sent.push(method);
    const i = scripted.findIndex((s) => s.when(method, init));
    const response = i >= 0 ? new Response(null, scripted.splice(i, 1)[0]) : await fetch(url, init);
    seen.push(`${method} ${response.status}`);
    return response;
  };
  const publisher = new WhipSession({ url: input.webRTC.url, fetch: recorded });
  cleanups.push(() => publisher.stop());
  const statuses: WhipStatus[] = [];
  publisher.subscribe(() => statuses.at(-1) !== publisher.getSnapshot().status && statuses.push(publisher.getSnapshot().status));
  const serverSessions = async () =>
    ((await (await fetch(`${server.url}/_onair/sessions`)).json()) as { whip: { inputUid: string }[] }).whip.filter((s) => s.inputUid === input.uid).length;
  return { stream, publisher, statuses, seen, sent, scripted, serverSessions };
}

test('503 + Retry-After, then the server’s 409 (the old session still up) while reconnecting: it waits, then takes over', { timeout: 90_000 }, async () => {
  const { stream, publisher, statuses, seen, scripted, serverSessions } = await setup();
  await publisher.start(stream);
  const old = publisher.getSnapshot().sessionUrl;
  // The ICE restart fails, so healing needs a fresh session; the first POST for it meets a busy server.
  scripted.push(
    { when: (method, init) => method === 'PATCH' && (init?.headers as Record<string, string>)['If-Match'] === '*', status: 500 },
    { when: (method) => method === 'POST', status: 503, headers: { 'Retry-After': '1' } },
  );
  seen.length = 0;
  await publisher.restartIce();
  expect(publisher.getSnapshot()).toMatchObject({ status: 'live', error: null });
  expect(publisher.getSnapshot().sessionUrl).not.toBe(old);
  expect(seen.filter((s) => /^(POST|DELETE)/.test(s))).toEqual(['POST 503', 'POST 409', 'DELETE 200', 'POST 201']);
  expect(statuses).toEqual(['connecting', 'live', 'reconnecting', 'live']);
  await until('one session on the server', async () => (await serverSessions()) === 1);
});

test('a first connection while the server restarts is tried again until it is back', { timeout: 90_000 }, async () => {
  const { stream, publisher, statuses, seen } = await setup();
  await commands.killServerProcess();
  const live = publisher.start(stream);
  await until('a failed POST', () => publisher.getSnapshot().error?.kind === 'network', DEADLINE_MS);
  await commands.restartServerProcess();
  await live;
  expect(publisher.getSnapshot()).toMatchObject({ status: 'live', error: null });
  expect(statuses).toEqual(['connecting', 'live']);
  expect(seen).toContain('POST 201');
});

test('stop() while the POST is out: the session the server makes is DELETEd once its answer arrives', { timeout: 90_000 }, async () => {
  const { stream, publisher, seen, sent, serverSessions } = await setup();
  await commands.pauseServerProcess();
  const started = publisher.start(stream).catch((error: unknown) => error);
  // The POST is out (the frozen server's kernel takes it), its answer is not.
  await until('the POST sent', () => sent.includes('POST'));
  await publisher.stop();
  expect(await started).toMatchObject({ kind: 'aborted' });
  await commands.resumeServerProcess();
  await until('the session DELETEd', () => seen.includes('DELETE 200'), DEADLINE_MS);
  expect(seen.filter((s) => /^(POST|DELETE)/.test(s))).toEqual(['POST 201', 'DELETE 200']);
  await until('no session on the server', async () => (await serverSessions()) === 0);
});
