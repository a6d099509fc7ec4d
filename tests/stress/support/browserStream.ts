import type { Browser, Page } from 'playwright';
import type { LiveInput } from '../../conformance/support/target';

/** Publisher (fake camera) and viewer pages using raw RTCPeerConnection + fetch, same origin as the server. */
export async function startBrowserStream(browser: Browser, pageUrl: string, input: LiveInput): Promise<{ publisher: Page; viewer: Page }> {
  const context = await browser.newContext();
  const [publisher, viewer] = [await context.newPage(), await context.newPage()];
  for (const page of [publisher, viewer]) {
    await page.goto(pageUrl);
    await page.evaluate(() => {
      // A real client honours 409/429 + Retry-After.
      const w = window as unknown as Record<string, unknown>;
      w.negotiate = async (url: string, pc: RTCPeerConnection) => {
        await pc.setLocalDescription(await pc.createOffer());
        await new Promise<void>((resolve) => {
          if (pc.iceGatheringState === 'complete') return resolve();
          pc.addEventListener('icegatheringstatechange', () => pc.iceGatheringState === 'complete' && resolve());
        });
        for (let attempt = 0; ; attempt++) {
          const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/sdp' }, body: pc.localDescription!.sdp });
          if ((response.status === 409 || response.status === 429) && attempt < 30) {
            await new Promise((resolve) => setTimeout(resolve, (Number(response.headers.get('retry-after')) || 1) * 1000));
            continue;
          }
          if (response.status !== 201) throw new Error(`POST ${url} → ${response.status}: ${await response.text()}`);
          await pc.setRemoteDescription({ type: 'answer', sdp: await response.text() });
          w.session = new URL(response.headers.get('location')!, url).href;
          return;
        }
      };
      w.stop = async () => {
        await fetch(w.session as string, { method: 'DELETE' });
        (w.pc as RTCPeerConnection).close();
      };
    });
  }
  await publisher.evaluate(async (url) => {
    const w = window as unknown as Record<string, unknown>;
    const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: true });
    const pc = new RTCPeerConnection();
    w.pc = pc;
    for (const track of stream.getTracks()) pc.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
    await (w.negotiate as (u: string, p: RTCPeerConnection) => Promise<void>)(url, pc);
  }, input.webRTC.url);
  await viewer.evaluate(async (url) => {
    const w = window as unknown as Record<string, unknown>;
    const pc = new RTCPeerConnection();
    w.pc = pc;
    pc.addTransceiver('video', { direction: 'recvonly' });
    pc.addTransceiver('audio', { direction: 'recvonly' });
    await (w.negotiate as (u: string, p: RTCPeerConnection) => Promise<void>)(url, pc);
  }, input.webRTCPlayback.url);
  return { publisher, viewer };
}

export function framesDecoded(viewer: Page): Promise<number> {
  return viewer.evaluate(async () => {
    const stats = await ((window as unknown as Record<string, unknown>).pc as RTCPeerConnection).getStats();
    let frames = 0;
    stats.forEach((report: { type: string; kind?: string; framesDecoded?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') frames = report.framesDecoded ?? 0;
    });
    return frames;
  });
}

/** Ends the page's session as a client would: DELETE the session URL, close the peer. */
export function stopBrowserSession(page: Page): Promise<void> {
  return page.evaluate(() => ((window as unknown as Record<string, () => Promise<void>>).stop!)());
}
