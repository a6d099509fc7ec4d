/// <reference lib="dom" />
import { afterEach, expect, inject, test } from 'vitest';
import { commands } from 'vitest/browser';
// The `inject()` keys are declared by the browser project's global setup.
import type {} from '../../../scripts/providedContext';
import type { RelayStats } from './relay.js';
import { createLiveInput, gathered } from './browserTestSupport.js';
import type { LinkCounts } from '../../../tests/support/lossyUdpLink';
import { until } from '../../../tests/support/until';

// Chromium through the real server over a lossy link (scripts/lossyLinkCommands.ts): every 25th
// RTP packet is dropped each way, creator → server and server → viewer. The losses must be
// repaired by retransmissions on the RTX streams, and video must keep decoding.
declare module 'vitest/browser' {
  interface BrowserCommands {
    startLossyLink: (target: { host: string; port: number }, dropEvery: number) => Promise<{ port: number }>;
    lossyLinkCounts: (port: number) => Promise<LinkCounts>;
    stopLossyLinks: () => Promise<void>;
  }
}

const base = inject('onairServerUrl');
const DROP_EVERY = 25;
const DEADLINE_MS = 45_000;

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await commands.stopLossyLinks();
});

const createInput = () => createLiveInput(cleanups, 'rtx test');

/**
 * Negotiates through a lossy link: the offer goes without candidates (the server can only answer
 * the link), and the answer's candidates are replaced by the link's. Returns the link's port and
 * the rtx payload type the answer gives for video; null while the server answers 409.
 */
async function negotiateThroughLink(pc: RTCPeerConnection, url: string): Promise<{ link: number; rtx: number } | null> {
  await pc.setLocalDescription(await pc.createOffer());
  const offer = (await gathered(pc)).replace(/^a=(candidate:.*|end-of-candidates)\r\n/gm, '');
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: offer });
  if (res.status === 409) return null;
  expect(res.status).toBe(201);
  const session = new URL(res.headers.get('Location')!, url).href;
  cleanups.push(() => fetch(session, { method: 'DELETE' }));
  const answer = await res.text();
  const port = Number(/^a=candidate:\S+ 1 udp \d+ 127\.0\.0\.1 (\d+) typ host/m.exec(answer)![1]);
  // Chromium's own candidates are on the machine's interface addresses, not loopback: advertise one.
  const address = /^a=candidate:\S+ 1 udp \d+ ((?!127\.)\d+\.\d+\.\d+\.\d+) \d+ typ host/m.exec(answer)?.[1] ?? '127.0.0.1';
  const { port: link } = await commands.startLossyLink({ host: '127.0.0.1', port }, DROP_EVERY);
  let first = true;
  const throughLink = answer.replace(/^a=candidate:.*\r\n/gm, () => {
    const line = first ? `a=candidate:1 1 udp 2130706431 ${address} ${link} typ host\r\n` : '';
    first = false;
    return line;
  });
  await pc.setRemoteDescription({ type: 'answer', sdp: throughLink });
  const video = answer.slice(answer.indexOf('m=video'));
  const rtx = /^a=fmtp:(\d+) apt=\d+/m.exec(video);
  expect(rtx, 'an rtx codec in the answer').not.toBeNull();
  return { link, rtx: Number(rtx![1]) };
}

async function videoStats(pc: RTCPeerConnection, type: 'inbound-rtp' | 'outbound-rtp') {
  const stats = await pc.getStats();
  return [...stats.values()].find((s) => s.type === type && s.kind === 'video') as Record<string, number> | undefined;
}

test('over a lossy link, RTX repairs the creator’s losses through the server and the server repairs the viewer’s', async () => {
  const input = await createInput();
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: false });
  cleanups.push(() => stream.getTracks().forEach((t) => t.stop()));
  const publisher = new RTCPeerConnection();
  cleanups.push(() => publisher.close());
  publisher.addTransceiver(stream.getVideoTracks()[0]!, { direction: 'sendonly', streams: [stream] });
  const creatorLink = (await negotiateThroughLink(publisher, input.webRTC.url))!;

  const viewer = new RTCPeerConnection();
  cleanups.push(() => viewer.close());
  viewer.addTransceiver('video', { direction: 'recvonly' });
  const viewerLink = await until('WHEP 201 once the creator is live', () => negotiateThroughLink(viewer, input.webRTCPlayback.url), DEADLINE_MS);

  await until('frames decoded over the lossy link', async () => ((await videoStats(viewer, 'inbound-rtp'))?.framesDecoded ?? 0) > 150, DEADLINE_MS);
  const creatorCounts = await commands.lossyLinkCounts(creatorLink.link);
  const viewerCounts = await commands.lossyLinkCounts(viewerLink.link);
  expect(creatorCounts.dropped.toServer).toBeGreaterThan(5);
  expect(viewerCounts.dropped.toClient).toBeGreaterThan(5);

  // Creator → server: the server NACKed the gaps, Chromium resent on its RTX stream.
  const relay = (await (await fetch(`${base}/_onair/live_inputs/${input.uid}/stats`)).json()) as RelayStats;
  expect(relay.packetsLost).toBeGreaterThan(0);
  expect((await videoStats(publisher, 'outbound-rtp'))!.nackCount).toBeGreaterThan(0);
  expect((await videoStats(publisher, 'outbound-rtp'))!.retransmittedPacketsSent).toBeGreaterThan(0);
  expect(creatorCounts.payloadTypes.toServer[creatorLink.rtx]).toBeGreaterThan(0);

  // Server → viewer: Chromium NACKed, the server resent on the viewer's RTX stream.
  expect((await videoStats(viewer, 'inbound-rtp'))!.nackCount).toBeGreaterThan(0);
  expect((await videoStats(viewer, 'inbound-rtp'))!.retransmittedPacketsReceived).toBeGreaterThan(0);
  expect(viewerCounts.payloadTypes.toClient[viewerLink.rtx]).toBeGreaterThan(0);
});
