import { expect, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';

declare global {
  interface Window {
    /** Every RTCPeerConnection the page created (installed by an init script; the app has no test code). */
    __e2ePeerConnections?: RTCPeerConnection[];
  }
}

export const onairServerUrl = process.env.E2E_ONAIR_SERVER_URL!;

// Real media through a relay on 2 shared cores: deadlines are generous, and we poll instead of sleeping.
export const MEDIA_DEADLINE_MS = 45_000;

/** Lets the tests read the stats of the pages' peer connections. Call before opening pages. */
export async function trackPeerConnections(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    const NativePeerConnection = window.RTCPeerConnection;
    const created: RTCPeerConnection[] = [];
    window.__e2ePeerConnections = created;
    window.RTCPeerConnection = class extends NativePeerConnection {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        created.push(this);
      }
    };
  });
}

// The React kit's LivePlayer: a root with the session's data-state, wrapping the <video>.
const PLAYER = '[data-onair="live-player"]';
const PLAYER_VIDEO = `${PLAYER} video`;

/** The watch page's player (its `data-state` is the session status). */
export const playerOf = (page: Page) => page.locator(PLAYER);

/** The watch page's `<video>`. */
export const playerVideoOf = (page: Page) => page.locator(PLAYER_VIDEO);

export interface InboundMedia {
  readonly videoFramesDecoded: number;
  readonly audioPacketsReceived: number;
}

/** What the watch page's `<video>` has received: stats of the peer connection whose tracks it plays. */
export async function inboundMedia(page: Page): Promise<InboundMedia> {
  return playerVideoOf(page).evaluate(async (element: HTMLVideoElement) => {
    const source = element.srcObject;
    const tracks = source instanceof MediaStream ? source.getTracks() : [];
    const peerConnection = (window.__e2ePeerConnections ?? []).find((pc) =>
      pc.getReceivers().some((receiver) => tracks.includes(receiver.track)),
    );
    const media = { videoFramesDecoded: 0, audioPacketsReceived: 0 };
    if (!peerConnection) return media;
    for (const report of (await peerConnection.getStats()).values()) {
      if (report.type !== 'inbound-rtp') continue;
      if (report.kind === 'video') media.videoFramesDecoded += report.framesDecoded ?? 0;
      if (report.kind === 'audio') media.audioPacketsReceived += report.packetsReceived ?? 0;
    }
    return media;
  });
}

/** Video frames the creator's page has encoded so far (every peer connection it made). */
export async function framesEncoded(page: Page): Promise<number> {
  return page.evaluate(async () => {
    let frames = 0;
    for (const pc of window.__e2ePeerConnections ?? []) {
      for (const report of (await pc.getStats()).values()) {
        if (report.type === 'outbound-rtp' && report.kind === 'video') frames += report.framesEncoded ?? 0;
      }
    }
    return frames;
  });
}

/** Waits until the watch page decodes video and receives audio through the relay. */
export async function expectPlaying(viewer: Page): Promise<InboundMedia> {
  await expect(playerOf(viewer)).toHaveAttribute('data-state', 'playing', { timeout: MEDIA_DEADLINE_MS });
  await expect
    .poll(async () => (await inboundMedia(viewer)).videoFramesDecoded, { message: 'video frames decoded on the watch page', timeout: MEDIA_DEADLINE_MS })
    .toBeGreaterThan(0);
  await expect
    .poll(async () => (await inboundMedia(viewer)).audioPacketsReceived, { message: 'audio packets received on the watch page', timeout: MEDIA_DEADLINE_MS })
    .toBeGreaterThan(0);
  return inboundMedia(viewer);
}

/** Viewer-side counters go on growing: media from the creator keeps arriving. */
export async function expectStillReceiving(viewer: Page, what: string): Promise<void> {
  const before = await inboundMedia(viewer);
  await expect
    .poll(async () => (await inboundMedia(viewer)).videoFramesDecoded, { message: `video keeps arriving ${what}`, timeout: MEDIA_DEADLINE_MS })
    .toBeGreaterThan(before.videoFramesDecoded + 30);
  await expect
    .poll(async () => (await inboundMedia(viewer)).audioPacketsReceived, { message: `audio keeps arriving ${what}`, timeout: MEDIA_DEADLINE_MS })
    .toBeGreaterThan(before.audioPacketsReceived + 50);
}

interface OnairSessions {
  readonly whip: ReadonlyArray<{ readonly inputUid: string; readonly sessionId: string }>;
  readonly whep: ReadonlyArray<{ readonly inputUid: string; readonly sessionId: string }>;
}

/** The ids of the sessions the local server holds for one input (its debug list needs the API token). */
export async function serverSessionIds(request: APIRequestContext, uid: string): Promise<{ whip: string[]; whep: string[] }> {
  const response = await request.get(`${onairServerUrl}/_onair/sessions`, { headers: { Authorization: `Bearer ${process.env.E2E_API_TOKEN}` } });
  expect(response.ok(), `GET /_onair/sessions answered ${response.status()}`).toBe(true);
  const sessions = (await response.json()) as OnairSessions;
  const ofInput = (list: OnairSessions['whip']) => list.filter((session) => session.inputUid === uid).map((session) => session.sessionId);
  return { whip: ofInput(sessions.whip), whep: ofInput(sessions.whep) };
}

/** How many sessions the local server holds for one input. */
export async function serverSessions(request: APIRequestContext, uid: string): Promise<{ whip: number; whep: number }> {
  const { whip, whep } = await serverSessionIds(request, uid);
  return { whip: whip.length, whep: whep.length };
}
