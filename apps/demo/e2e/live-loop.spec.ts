import { expect, test, type APIRequestContext, type Page } from '@playwright/test';

declare global {
  interface Window {
    /** Every RTCPeerConnection the page created (installed by an init script; the app has no test code). */
    __e2ePeerConnections?: RTCPeerConnection[];
    /** How many `requestVideoFrameCallback` callbacks fired on the watch page's video. */
    __e2eVideoFrameCallbacks?: number;
  }
}

const onairServerUrl = process.env.E2E_ONAIR_SERVER_URL;
// Real media through a relay on 2 shared cores: deadlines are generous, and we poll instead of sleeping.
const MEDIA_DEADLINE_MS = 45_000;

interface InboundMedia {
  readonly videoFramesDecoded: number;
  readonly audioPacketsReceived: number;
}

interface OnairSessions {
  readonly whip: ReadonlyArray<{ readonly inputUid: string; readonly sessionId: string }>;
  readonly whep: ReadonlyArray<{ readonly inputUid: string; readonly sessionId: string }>;
}

test('go live in page A through the demo, page B decodes the video and receives the audio, stop ends the session', async ({
  context,
  request,
}) => {
  expect(onairServerUrl, 'playwright.config.ts sets E2E_ONAIR_SERVER_URL').toBeTruthy();
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

  // Page A: create a live input through the UI and go live with the fake camera + microphone.
  const creator = await context.newPage();
  await creator.goto('/');
  await creator.getByLabel('Stream name').fill('e2e live loop');
  await creator.getByRole('button', { name: 'Create live input' }).click();
  const goLive = creator.getByTestId('go-live');
  await expect(goLive).toBeEnabled();
  await goLive.click();
  await expect(goLive).toHaveAttribute('data-state', 'live', { timeout: MEDIA_DEADLINE_MS });

  const watchHref = await creator.getByTestId('watch-link').getAttribute('href');
  const uid = watchHref?.match(/^\/watch\/([0-9a-f]{32})$/)?.[1];
  expect(uid, `watch link ${watchHref} points at /watch/{uid}`).toBeTruthy();
  await expect.poll(() => whipSessionCount(request, uid!), { message: 'the server holds the WHIP session while live' }).toBe(1);

  // Page B: open the watch link; assert real frames and audio arrive through the relay.
  const viewer = await context.newPage();
  await viewer.goto(watchHref!);
  const video = viewer.locator('video[data-state]');
  await expect(video).toHaveAttribute('data-state', 'playing', { timeout: MEDIA_DEADLINE_MS });

  await expect
    .poll(async () => (await inboundMedia(viewer)).videoFramesDecoded, {
      message: 'inbound-rtp video framesDecoded on the watch page',
      timeout: MEDIA_DEADLINE_MS,
    })
    .toBeGreaterThan(0);

  await video.evaluate((element: HTMLVideoElement) => {
    window.__e2eVideoFrameCallbacks = 0;
    element.requestVideoFrameCallback(() => {
      window.__e2eVideoFrameCallbacks = (window.__e2eVideoFrameCallbacks ?? 0) + 1;
    });
  });
  await expect
    .poll(() => viewer.evaluate(() => window.__e2eVideoFrameCallbacks ?? 0), {
      message: 'requestVideoFrameCallback fired on the watch page video',
      timeout: MEDIA_DEADLINE_MS,
    })
    .toBeGreaterThan(0);

  await expect
    .poll(async () => (await inboundMedia(viewer)).audioPacketsReceived, {
      message: 'inbound-rtp audio packetsReceived on the watch page',
      timeout: MEDIA_DEADLINE_MS,
    })
    .toBeGreaterThan(0);

  const received = await inboundMedia(viewer);
  test.info().annotations.push({
    type: 'media',
    description: `watch page: ${received.videoFramesDecoded} video frames decoded, ${received.audioPacketsReceived} audio packets received`,
  });

  // Page A stops: the server must let go of the publisher's session.
  await goLive.click();
  await expect(goLive).not.toHaveAttribute('data-state', /^(live|connecting|reconnecting)$/);
  await expect
    .poll(() => whipSessionCount(request, uid!), { message: 'no WHIP session left on the server after stop' })
    .toBe(0);
  await expect
    .poll(async () => ((await (await request.get(`${onairServerUrl}/${uid}/lifecycle`)).json()) as { live: boolean }).live, {
      message: 'lifecycle reports live: false after stop',
    })
    .toBe(false);
});

/** Stats of the peer connection whose tracks the watch page's `<video>` plays. */
async function inboundMedia(page: Page): Promise<InboundMedia> {
  return page.locator('video[data-state]').evaluate(async (element: HTMLVideoElement) => {
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

async function whipSessionCount(request: APIRequestContext, uid: string): Promise<number> {
  const response = await request.get(`${onairServerUrl}/_onair/sessions`, { headers: { Authorization: `Bearer ${process.env.E2E_API_TOKEN}` } });
  expect(response.ok(), `GET /_onair/sessions answered ${response.status()}`).toBe(true);
  const sessions = (await response.json()) as OnairSessions;
  return sessions.whip.filter((session) => session.inputUid === uid).length;
}
