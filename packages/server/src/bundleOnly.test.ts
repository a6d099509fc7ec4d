import { MediaStreamTrack } from 'werift';
import { describe, expect, test } from 'vitest';
import { acceptBundleOnly, isBundleOnly } from './bundleOnly.js';
import type { LiveInput } from './liveInputView.js';
import { startOnairServer } from './onairServer.js';
import { createPeerConnection, skipStunFallback } from './peerConnection.js';
import type { RelayStats } from './relay.js';
import { validateOffer } from './sdpOffer.js';
import type { TestPeer } from './weriftTestPeer.js';
import { connect, eventually, sendFakeVideo, viewerPeer } from './weriftTestPeer.js';

/**
 * An offer as Firefox makes it under max-bundle (RFC 8843 §7.2.1): every section after the first
 * (the BUNDLE tag) gets port 0 and `a=bundle-only`.
 */
const firefoxShaped = (sdp: string) =>
  sdp
    .split(/\r\n(?=m=)/)
    .map((part, index) => (index < 2 ? part : part.replace(/^(m=\S+) \d+/, '$1 0').replace(/(\r\na=mid:\S+)/, '$1\r\na=bundle-only')))
    .join('\r\n');

const OFFER = [
  'v=0',
  'o=- 1 1 IN IP4 0.0.0.0',
  's=-',
  't=0 0',
  'a=group:BUNDLE 0 1',
  'm=audio 9 UDP/TLS/RTP/SAVPF 109',
  'a=mid:0',
  'm=video 0 UDP/TLS/RTP/SAVPF 120',
  'a=bundle-only',
  'a=mid:1',
  'a=sendonly',
  '',
].join('\r\n');

describe('acceptBundleOnly', () => {
  test('gives a bundle-only section of the BUNDLE group the placeholder port and drops the attribute', () => {
    const accepted = acceptBundleOnly(OFFER);
    expect(accepted).toContain('\r\nm=video 9 UDP/TLS/RTP/SAVPF 120\r\na=mid:1\r\na=sendonly\r\n');
    expect(accepted).not.toContain('bundle-only');
    expect(accepted.replace('m=video 9', 'm=video 0').replace('a=mid:1', 'a=bundle-only\r\na=mid:1')).toBe(OFFER);
  });

  test('leaves a port-0 section disabled when it is not bundle-only or not in the BUNDLE group', () => {
    const notBundleOnly = OFFER.replace('a=bundle-only\r\n', '');
    expect(acceptBundleOnly(notBundleOnly)).toBe(notBundleOnly);
    const outsideGroup = OFFER.replace('a=group:BUNDLE 0 1', 'a=group:BUNDLE 0');
    expect(acceptBundleOnly(outsideGroup)).toBe(outsideGroup);
    expect(isBundleOnly(outsideGroup.split(/\r\n(?=m=)/)[2]!, outsideGroup)).toBe(false);
  });

  test('keeps LF-only offers LF-only', () => {
    expect(acceptBundleOnly(OFFER.replaceAll('\r\n', '\n'))).toBe(acceptBundleOnly(OFFER).replaceAll('\r\n', '\n'));
  });
});

/** A werift creator whose video is its second section, its offer reshaped as Firefox's. */
async function firefoxShapedCreator(): Promise<TestPeer> {
  const pc = createPeerConnection();
  pc.addTransceiver(new MediaStreamTrack({ kind: 'audio' }), { direction: 'sendonly' });
  const video = new MediaStreamTrack({ kind: 'video' });
  pc.addTransceiver(video, { direction: 'sendonly' });
  const offer = await pc.createOffer();
  skipStunFallback(pc);
  await pc.setLocalDescription(offer);
  return { pc, offer: firefoxShaped(pc.localDescription!.sdp), video, received: () => 0, firstPacket: null, close: () => pc.close() };
}

test('a creator offering its video bundle-only, as Firefox does: validated like any other offer, its video relayed', { timeout: 30_000 }, async () => {
  const server = await startOnairServer({ port: 0 });
  const peers: TestPeer[] = [];
  let stopVideo = () => {};
  try {
    const created = await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' });
    const input = ((await created.json()) as { result: LiveInput }).result;
    const creator = await firefoxShapedCreator();
    peers.push(creator);
    expect(creator.offer).toMatch(/\r\nm=video 0 [^\r]+\r\n(?:[^\r]+\r\n)*a=bundle-only\r\n/);
    // Its bundle-only section is checked, not skipped as a disabled one.
    const [head, video] = creator.offer.split('\r\nm=video');
    expect(() => validateOffer(`${head}\r\nm=video${video!.replace('a=sendonly', 'a=recvonly')}`, 'whip')).toThrow(/must be sendonly/);

    await connect(creator, input.webRTC.url);
    stopVideo = sendFakeVideo(creator.video!);
    await eventually('creator live', async () => ((await (await fetch(`${server.url}/${input.uid}/lifecycle`)).json()) as { live: boolean }).live);
    const viewer = await viewerPeer();
    peers.push(viewer);
    await connect(viewer, input.webRTCPlayback.url);
    await eventually('video packets at the viewer', () => viewer.received() > 10, 15_000);
    const stats = (await (await fetch(`${server.url}/_onair/live_inputs/${input.uid}/stats`)).json()) as RelayStats;
    expect(stats.keyframesIn).toBeGreaterThan(10);
  } finally {
    stopVideo();
    await Promise.all(peers.map((peer) => peer.close()));
    await server.close();
  }
});
