/// <reference lib="dom" />
import { afterEach, expect, inject, test } from 'vitest';
// The `inject()` keys are declared by the browser project's global setup.
import type {} from '../../../scripts/providedContext';
import type { SessionListing } from './sessionRegistry.js';
import { createLiveInput, gathered } from './browserTestSupport.js';
import { until } from '../../../tests/support/until';

// Real media through the real server: Chromium's fake camera publishes by WHIP, a second peer
// plays by WHEP, and frames must decode. No @onair/core: raw RTCPeerConnection + fetch.
const base = inject('onairServerUrl');

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const createInput = () => createLiveInput(cleanups, 'relay test');

/** POSTs the offer, applies the answer; returns the session URL. */
async function negotiate(pc: RTCPeerConnection, url: string): Promise<Response | string> {
  await pc.setLocalDescription(await pc.createOffer());
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: await gathered(pc) });
  if (res.status !== 201) return res;
  await pc.setRemoteDescription({ type: 'answer', sdp: await res.text() });
  const session = new URL(res.headers.get('Location')!, url).href;
  cleanups.push(() => fetch(session, { method: 'DELETE' }));
  return session;
}

async function inbound(pc: RTCPeerConnection, kind: 'audio' | 'video') {
  const stats = await pc.getStats();
  return [...stats.values()].find((s) => s.type === 'inbound-rtp' && s.kind === kind);
}

test('a second peer decodes what the creator publishes', async () => {
  const input = await createInput();
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 360 }, audio: true });
  cleanups.push(() => stream.getTracks().forEach((t: MediaStreamTrack) => t.stop()));

  const publisher = new RTCPeerConnection();
  cleanups.push(() => publisher.close());
  for (const track of stream.getTracks()) publisher.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
  const whipSession = await negotiate(publisher, input.webRTC.url);
  expect(typeof whipSession).toBe('string');

  const viewer = new RTCPeerConnection();
  cleanups.push(() => viewer.close());
  viewer.addTransceiver('video', { direction: 'recvonly' });
  viewer.addTransceiver('audio', { direction: 'recvonly' });
  // 409 until the creator's connection is up; the offer stays valid across retries.
  const whepSession = await until('WHEP 201', async () => {
    const result = await negotiate(viewer, input.webRTCPlayback.url);
    if (typeof result === 'string') return result;
    expect(result.status).toBe(409);
    expect(Number(result.headers.get('Retry-After'))).toBeGreaterThan(0);
    return undefined;
  });

  const video = await until('decoded video frames', async () => {
    const stats = await inbound(viewer, 'video');
    return (stats?.framesDecoded ?? 0) > 0 && stats;
  });
  expect(video.framesDecoded).toBeGreaterThan(0);
  // The frames were encrypted by SrtpCmProtector: viewers' SRTP is AES-CM.
  const transport = [...(await viewer.getStats()).values()].find((s) => s.type === 'transport');
  expect(transport?.srtpCipher).toBe('SRTP_AES128_CM_HMAC_SHA1_80');
  // RTX (RFC 4588) both ways: for the creator's retransmissions and for the viewer's.
  for (const pc of [publisher, viewer]) {
    const answer = pc.remoteDescription!.sdp;
    const rtx = /a=fmtp:(\d+) apt=(\d+)/.exec(answer.slice(answer.indexOf('m=video')));
    expect(answer).toContain(`a=rtpmap:${rtx?.[1]} rtx/90000`);
    expect(answer).toMatch(/a=ssrc-group:FID \d+ \d+/);
  }
  await until('audio packets', async () => ((await inbound(viewer, 'audio'))?.packetsReceived ?? 0) > 0);

  const lifecycle = await (await fetch(`${base}/${input.uid}/lifecycle`)).json();
  expect(lifecycle).toEqual({ isInput: true, videoUID: null, live: true });

  // Stopping ends both sessions on the server.
  expect((await fetch(whepSession as string, { method: 'DELETE' })).status).toBe(200);
  expect((await fetch(whipSession as string, { method: 'DELETE' })).status).toBe(200);
  await until('no sessions left for the input', async () => {
    const sessions = (await (await fetch(`${base}/_onair/sessions`)).json()) as SessionListing;
    return ![...sessions.whip, ...sessions.whep].some((s) => s.inputUid === input.uid);
  });
  const after = (await (await fetch(`${base}/${input.uid}/lifecycle`)).json()) as { live: boolean };
  expect(after.live).toBe(false);
});

// Chromium encodes all four (libvpx, OpenH264, libaom); the relay must carry each unchanged.
test.each([
  ['video/VP8', undefined],
  ['video/VP9', undefined],
  ['video/H264', 'profile-level-id=42e01f'],
  ['video/AV1', undefined],
])('%s is relayed and decoded', async (mimeType, fmtp) => {
  const input = await createInput();
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 180 } });
  cleanups.push(() => stream.getTracks().forEach((t: MediaStreamTrack) => t.stop()));
  const publisher = new RTCPeerConnection();
  cleanups.push(() => publisher.close());
  const transceiver = publisher.addTransceiver(stream.getVideoTracks()[0]!, { direction: 'sendonly', streams: [stream] });
  const codecs = RTCRtpSender.getCapabilities('video')!.codecs.filter((c) => c.mimeType === mimeType && (!fmtp || c.sdpFmtpLine?.includes(fmtp)));
  expect(codecs.length).toBeGreaterThan(0);
  transceiver.setCodecPreferences(codecs);
  expect(typeof (await negotiate(publisher, input.webRTC.url))).toBe('string');

  const viewer = new RTCPeerConnection();
  cleanups.push(() => viewer.close());
  viewer.addTransceiver('video', { direction: 'recvonly' });
  await until('WHEP 201', async () => typeof (await negotiate(viewer, input.webRTCPlayback.url)) === 'string');
  const video = await until('decoded frames', async () => {
    const stats = await inbound(viewer, 'video');
    return (stats?.framesDecoded ?? 0) > 0 && stats;
  });
  const codec = [...(await viewer.getStats()).values()].find((s) => s.id === video.codecId);
  expect(codec?.mimeType).toBe(mimeType);
  // Viewers start on a keyframe: the relay must recognise this codec's (libwebrtc's packetization).
  const relay = (await (await fetch(`${base}/_onair/live_inputs/${input.uid}/stats`)).json()) as { keyframesIn: number };
  expect(relay.keyframesIn).toBeGreaterThan(0);
});

test('peers that close without DELETE are removed (DTLS close_notify)', async () => {
  const input = await createInput();
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 180 } });
  cleanups.push(() => stream.getTracks().forEach((t: MediaStreamTrack) => t.stop()));
  const publisher = new RTCPeerConnection();
  for (const track of stream.getTracks()) publisher.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
  expect(typeof (await negotiate(publisher, input.webRTC.url))).toBe('string');
  const viewer = new RTCPeerConnection();
  viewer.addTransceiver('video', { direction: 'recvonly' });
  await until('WHEP 201', async () => typeof (await negotiate(viewer, input.webRTCPlayback.url)) === 'string');
  await until('viewer connected', async () => viewer.connectionState === 'connected');
  const mine = async (kind: 'whip' | 'whep') => ((await (await fetch(`${base}/_onair/sessions`)).json()) as SessionListing)[kind].filter((s) => s.inputUid === input.uid).length;
  expect(await mine('whep')).toBe(1);

  const started = Date.now();
  viewer.close();
  await until('viewer session removed', async () => (await mine('whep')) === 0);
  publisher.close();
  await until('creator session removed', async () => (await mine('whip')) === 0);
  // Well under ICE consent expiry (30 s): the close was noticed, not timed out.
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(((await (await fetch(`${base}/${input.uid}/lifecycle`)).json()) as { live: boolean }).live).toBe(false);
});

/** RFC 8840 fragment of the first m-section of `sdp`: credentials, mid, candidates. */
function sdpFragment(sdp: string): string {
  const [session, first] = sdp.split(/\r\n(?=m=)/);
  const pick = (prefix: string) => first!.split('\r\n').find((l) => l.startsWith(prefix)) ?? session!.split('\r\n').find((l) => l.startsWith(prefix));
  const candidates = first!.split('\r\n').filter((l) => l.startsWith('a=candidate:'));
  return [pick('a=ice-ufrag:'), pick('a=ice-pwd:'), first!.split('\r\n')[0], pick('a=mid:'), ...candidates, 'a=end-of-candidates', ''].join('\r\n');
}

test('ICE restart by PATCH: new credentials and ETag, media keeps flowing', async () => {
  const input = await createInput();
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 180 } });
  cleanups.push(() => stream.getTracks().forEach((t: MediaStreamTrack) => t.stop()));
  const publisher = new RTCPeerConnection();
  cleanups.push(() => publisher.close());
  for (const track of stream.getTracks()) publisher.addTransceiver(track, { direction: 'sendonly', streams: [stream] });
  await publisher.setLocalDescription(await publisher.createOffer());
  const posted = await fetch(input.webRTC.url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: await gathered(publisher) });
  expect(posted.status).toBe(201);
  const answer = await posted.text();
  await publisher.setRemoteDescription({ type: 'answer', sdp: answer });
  const session = new URL(posted.headers.get('Location')!, input.webRTC.url).href;
  const etag = posted.headers.get('ETag')!;
  cleanups.push(() => fetch(session, { method: 'DELETE' }));

  const viewer = new RTCPeerConnection();
  cleanups.push(() => viewer.close());
  viewer.addTransceiver('video', { direction: 'recvonly' });
  await until('WHEP 201', async () => typeof (await negotiate(viewer, input.webRTCPlayback.url)) === 'string');
  const decoded = async () => (await inbound(viewer, 'video'))?.framesDecoded ?? 0;
  await until('frames before restart', async () => (await decoded()) > 0);

  // The null candidate, not iceGatheringState, says the restart's gathering is done.
  const gatheringDone = new Promise<void>((resolve) => publisher.addEventListener('icecandidate', (e) => !e.candidate && resolve()));
  publisher.restartIce();
  await publisher.setLocalDescription(await publisher.createOffer());
  await gatheringDone;
  const patched = await fetch(session, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/trickle-ice-sdpfrag', 'If-Match': '*' },
    body: sdpFragment(publisher.localDescription!.sdp),
  });
  expect(patched.status).toBe(200);
  expect(patched.headers.get('ETag')).not.toBe(etag);
  const fragment = await patched.text();
  const ufrag = /a=ice-ufrag:(\S+)/.exec(fragment)![1];
  const pwd = /a=ice-pwd:(\S+)/.exec(fragment)![1];
  expect(ufrag).not.toBe(/a=ice-ufrag:(\S+)/.exec(answer)![1]);
  const candidates = fragment.split('\r\n').filter((l) => l.startsWith('a=candidate:'));
  // The previous answer with the new credentials and candidates in every (bundled) section.
  const restarted = answer
    .split('\r\n')
    .filter((l) => !l.startsWith('a=candidate:') && l !== 'a=end-of-candidates')
    .map((l) => (l.startsWith('a=ice-ufrag:') ? `a=ice-ufrag:${ufrag}` : l.startsWith('a=ice-pwd:') ? `a=ice-pwd:${pwd}` : l))
    .flatMap((l) => (l.startsWith('a=mid:') ? [l, ...candidates] : [l]))
    .join('\r\n');
  await publisher.setRemoteDescription({ type: 'answer', sdp: restarted });

  const pair = async () => {
    const stats = [...(await publisher.getStats()).values()];
    const transport = stats.find((s) => s.type === 'transport');
    const selected = stats.find((s) => s.id === transport?.selectedCandidatePairId && s.state === 'succeeded');
    const remote = stats.find((s) => s.id === selected?.remoteCandidateId);
    // Only a pair checked with the new credentials can use one of the new candidates.
    return remote && candidates.some((c) => c.includes(` ${remote.address} ${remote.port} `));
  };
  await until('publisher connected with the new credentials', async () => publisher.iceConnectionState === 'connected' && (await pair()));
  const before = await decoded();
  await until('frames after restart', async () => (await decoded()) > before + 10);
});

test('an offer without candidates connects; its candidates PATCHed after the 201 are accepted', async () => {
  const input = await createInput();
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 180 } });
  cleanups.push(() => stream.getTracks().forEach((t: MediaStreamTrack) => t.stop()));
  const publisher = new RTCPeerConnection();
  cleanups.push(() => publisher.close());
  publisher.addTransceiver(stream.getVideoTracks()[0]!, { direction: 'sendonly', streams: [stream] });
  const trickled: RTCIceCandidate[] = [];
  const gatheringDone = new Promise<void>((resolve) =>
    publisher.addEventListener('icecandidate', (e) => (e.candidate ? trickled.push(e.candidate) : resolve())),
  );
  await publisher.setLocalDescription(await publisher.createOffer());
  // POST at once, before any candidate: the offer carries none.
  const offer = publisher.localDescription!.sdp.replace(/a=candidate:.*\r\n/g, '').replace(/a=end-of-candidates\r\n/g, '');
  const posted = await fetch(input.webRTC.url, { method: 'POST', headers: { 'Content-Type': 'application/sdp' }, body: offer });
  expect(posted.status).toBe(201);
  await publisher.setRemoteDescription({ type: 'answer', sdp: await posted.text() });
  const session = new URL(posted.headers.get('Location')!, input.webRTC.url).href;
  cleanups.push(() => fetch(session, { method: 'DELETE' }));
  await gatheringDone;
  expect(trickled.length).toBeGreaterThan(0);
  const ufrag = /a=ice-ufrag:(\S+)/.exec(offer)![1];
  const pwd = /a=ice-pwd:(\S+)/.exec(offer)![1];
  const fragment = [`a=ice-ufrag:${ufrag}`, `a=ice-pwd:${pwd}`, 'm=video 9 UDP/TLS/RTP/SAVPF 0', `a=mid:${trickled[0]!.sdpMid}`, ...trickled.map((c) => `a=${c.candidate}`), 'a=end-of-candidates', ''].join('\r\n');
  const patched = await fetch(session, {
    method: 'PATCH',
    headers: { 'Content-Type': 'application/trickle-ice-sdpfrag', 'If-Match': posted.headers.get('ETag')! },
    body: fragment,
  });
  expect(patched.status).toBe(204);

  const viewer = new RTCPeerConnection();
  cleanups.push(() => viewer.close());
  viewer.addTransceiver('video', { direction: 'recvonly' });
  await until('WHEP 201', async () => typeof (await negotiate(viewer, input.webRTCPlayback.url)) === 'string');
  await until('decoded frames', async () => ((await inbound(viewer, 'video'))?.framesDecoded ?? 0) > 0);
});
