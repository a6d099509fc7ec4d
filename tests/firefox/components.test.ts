import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import type { Browser } from 'puppeteer-core';
import { LiveInputsClient, type LiveInput } from '@onair/core';
import { startOnairServer, type OnairServer } from '@onair/server';
import { launchFirefox } from '../../scripts/firefox';
import { waitUntil } from '../interop/support/waitUntil';
import { serveComponentPage, type ComponentPageServer } from './support/componentPage';
import type { ComponentPage } from './support/componentPage/page';
import { ungesturedPage, type UngesturedPage } from './support/ungesturedPage';

// @onair/react's GoLiveButton and LivePlayer in Firefox ESR, clicked as a user clicks (WebDriver
// BiDi input actions: trusted events, user activation), creator and viewer each in a Firefox process
// of their own, through a real @onair/server. Firefox runs with its normal autoplay policy
// (scripts/firefox.ts): muted playback may start by itself, sound needs a gesture.

const FRAMES = 30;
const DEADLINE_MS = 30_000;

let server: OnairServer;
let api: LiveInputsClient;
let pages: ComponentPageServer;
const browsers: Browser[] = [];
let creator: UngesturedPage;
let viewer: UngesturedPage;
const cleanups: (() => unknown)[] = [];

beforeAll(async () => {
  server = await startOnairServer({ port: 0, host: '127.0.0.1', db: ':memory:' });
  api = new LiveInputsClient({ accountId: server.accountId, baseUrl: `${server.url}/client/v4` });
  pages = await serveComponentPage();
  // One after the other: browser start-up is the heaviest thing here on 2 cores.
  creator = await launchPage('creator');
  viewer = await launchPage('viewer');
}, 120_000);

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

afterAll(async () => {
  for (const browser of browsers) await browser.close();
  await pages?.close();
  await server?.close();
}, 60_000);

/** A Firefox process with one page: a background tab would be throttled. */
async function launchPage(role: string): Promise<UngesturedPage> {
  const browser = await launchFirefox();
  browsers.push(browser);
  const driven = await ungesturedPage(browser);
  driven.page.on('pageerror', (error) => console.warn(`[firefox ${role}] page error: ${(error as Error).message}`));
  return driven;
}

async function liveInput(): Promise<LiveInput> {
  const input = await api.create({ meta: { name: 'React components in Firefox' } });
  cleanups.push(() => api.delete(input.uid));
  return input;
}

/** Loads the component page with `query` (left for about:blank after the test, which ends its sessions). */
async function open(page: UngesturedPage, query: Record<string, string>) {
  await page.goto(`${pages.url}?${new URLSearchParams(query)}`);
  cleanups.push(() => page.goto('about:blank'));
}

/** Calls `window.onairComponents[name]()` in the page. */
const read = <K extends keyof ComponentPage>(page: UngesturedPage, name: K) =>
  page.run((method) => window.onairComponents![method as K]() as unknown, name) as Promise<Awaited<ReturnType<ComponentPage[K]>>>;

/** An element's label and data-state. */
const shown = (page: UngesturedPage, selector: string) =>
  page.run((s) => {
    const element = document.querySelector(s);
    return element ? { text: element.textContent, state: element.getAttribute('data-state') } : null;
  }, selector);

/** Waits until the element `selector` has `data-state` = `state` (and `text`, when given). */
async function showsState(page: UngesturedPage, selector: string, state: string, text?: string) {
  let now: Awaited<ReturnType<typeof shown>> = null;
  return waitUntil(
    `${selector} ${state}${text ? ` "${text}"` : ''}`,
    async () => {
      now = await shown(page, selector);
      return now?.state === state && (text === undefined || now.text === text) ? now : null;
    },
    { timeoutMs: DEADLINE_MS, lastSeen: () => JSON.stringify(now) },
  );
}

const BUTTON = '[data-onair="go-live-button"]';
const PLAYER = '[data-onair="live-player"]';
const MUTE = '[data-onair="live-player-mute"]';

/** The creator's GoLiveButton, clicked: the fake camera and microphone go live over WHIP. */
async function goLive(input: LiveInput) {
  await open(creator, { whip: input.webRTC.url });
  await showsState(creator, BUTTON, 'idle', 'Go live');
  await creator.click(BUTTON);
  await showsState(creator, BUTTON, 'live', 'End stream');
}

/** Waits until the viewer's <video> decoded `frames` and presented at least one. */
async function framesPlay(frames: number) {
  let video: Awaited<ReturnType<ComponentPage['video']>> | null = null;
  return waitUntil(
    `${frames} frames decoded and presented by the LivePlayer`,
    async () => {
      video = await read(viewer, 'video');
      return video.framesDecoded >= frames && video.framesPresented > 0 && video.width > 0 ? video : null;
    },
    { timeoutMs: DEADLINE_MS, lastSeen: () => JSON.stringify(video) },
  );
}

/** What a user sees at the element's centre once scrolled to it: 'the element' when it shows and nothing covers it. */
const seenAt = (page: UngesturedPage, selector: string) =>
  page.run((s) => {
    const element = document.querySelector(s);
    if (!element?.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return 'nothing visible';
    element.scrollIntoView({ block: 'center' });
    const { x, y, width, height } = element.getBoundingClientRect();
    const top = document.elementFromPoint(x + width / 2, y + height / 2);
    return element.contains(top) ? 'the element' : `${top?.outerHTML.slice(0, 120)} at ${JSON.stringify({ x, y, width, height, innerHeight })}`;
  }, selector);

test('GoLiveButton in Firefox goes live and a LivePlayer in another Firefox plays its video; a second click ends the broadcast', async () => {
  const input = await liveInput();
  await open(viewer, { whep: input.webRTCPlayback.url });
  // Nobody is live yet: the player waits (WHEP 409) instead of failing.
  await showsState(viewer, PLAYER, 'waiting');

  await goLive(input);
  await showsState(viewer, PLAYER, 'playing');
  await framesPlay(FRAMES);
  expect(await read(viewer, 'video')).toMatchObject({ muted: true, paused: false });

  await creator.click(BUTTON);
  await showsState(creator, BUTTON, 'ended', 'Go live again');
});

test('LivePlayer in Firefox asking for sound without a gesture plays muted with a visible Unmute; clicking it gives sound', async () => {
  const input = await liveInput();
  await goLive(input);
  await open(viewer, { whep: input.webRTCPlayback.url, muted: '0' });
  // Firefox's own verdict for this page: sound is refused until a gesture.
  expect(await read(viewer, 'autoplayPolicy')).toBe('allowed-muted');

  await showsState(viewer, PLAYER, 'playing');
  await framesPlay(FRAMES);
  expect(await read(viewer, 'video')).toMatchObject({ muted: true, paused: false });
  await showsState(viewer, MUTE, 'muted', 'Unmute');
  expect(await seenAt(viewer, MUTE)).toBe('the element');
  // The fake microphone's tone arrives and is decoded while the element is muted.
  await waitUntil('decoded audio', async () => ((await read(viewer, 'audioSamplesDecoded')) > 0 ? true : null), { timeoutMs: DEADLINE_MS });

  // The page's first gesture: the click on Unmute.
  expect(await read(viewer, 'hasBeenActive')).toBe(false);
  await viewer.click(MUTE);
  await showsState(viewer, MUTE, 'unmuted', 'Mute');
  expect(await read(viewer, 'hasBeenActive')).toBe(true);
  expect(await read(viewer, 'video')).toMatchObject({ muted: false, paused: false });
  // What the element outputs, measured: the tone.
  let sound: Awaited<ReturnType<ComponentPage['soundLevel']>> | null = null;
  await waitUntil(
    'the <video> playing sound',
    async () => {
      sound = await read(viewer, 'soundLevel');
      return sound.level > 0.01 ? sound : null;
    },
    { timeoutMs: DEADLINE_MS, lastSeen: () => JSON.stringify(sound) },
  );
  await framesPlay((await read(viewer, 'video')).framesDecoded + FRAMES);

  // And it is the element's output that was measured: muted again, it is silent.
  await viewer.click(MUTE);
  await showsState(viewer, MUTE, 'muted', 'Unmute');
  await waitUntil('the <video> silent', async () => ((await read(viewer, 'soundLevel')).level < 0.001 ? true : null), { timeoutMs: DEADLINE_MS });
});
