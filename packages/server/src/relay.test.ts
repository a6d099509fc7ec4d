import { GenericNack, ProtectionProfileAeadAes128Gcm, ProtectionProfileAes128CmHmacSha1_80, RTCRtpCodecParameters, RTP_EXTENSION_URI, RtcpReceiverInfo, RtcpRrPacket, RtcpTransportLayerFeedback, RtpHeader, RtpPacket } from 'werift';
import type { MediaStreamTrack, RTCRtpSender } from 'werift';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { ABS_CAPTURE_TIME_URI, relayCodecs } from './codecs.js';
import { createPeerConnection, skipStunFallback } from './peerConnection.js';
import type { LiveInput } from './liveInputView.js';
import type { OnairServer } from './onairServer.js';
import type { RelayEvent, RelayStats } from './relay.js';
import { InputRelay } from './relay.js';
import { RtpForwarder } from './rtpForwarder.js';
import { WebRtcSession } from './webrtcSession.js';
import type { SessionListing } from './sessionRegistry.js';
import { startOnairServer } from './onairServer.js';
import type { TestPeer } from './weriftTestPeer.js';
import { connect, creatorPeer, eventually, fakeVp8, post, sendFakeAudio, sendFakeVideo, viewerPeer } from './weriftTestPeer.js';

// The relay with werift peers on both sides: RTP flows creator → server → viewers, keyframe
// requests flow back. (Decoding real frames is the browser test's job: relay.browser.test.ts.)
vi.setConfig({ testTimeout: 20_000 });
let server: OnairServer;
const peers: TestPeer[] = [];
const stops: (() => void)[] = [];

beforeAll(async () => {
  server = await startOnairServer({ port: 0 });
});
afterEach(async () => {
  vi.restoreAllMocks();
  stops.splice(0).forEach((stop) => stop());
  await Promise.all(peers.splice(0).map((p) => p.close()));
});
afterAll(() => server.close());

const json = async <T = Record<string, unknown>>(path: string): Promise<T> => (await fetch(`${server.url}${path}`)).json() as Promise<T>;
const stats = (uid: string) => json<RelayStats>(`/_onair/live_inputs/${uid}/stats`);
const liveInputStatus = async (uid: string) => (await json<{ result: LiveInput }>(`/client/v4/accounts/local/stream/live_inputs/${uid}`)).result.status;
const peer = async (make: () => Promise<TestPeer>) => {
  const p = await make();
  peers.push(p);
  return p;
};

async function liveInput() {
  const input = ((await (await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
  const creator = await peer(creatorPeer);
  let plis = 0;
  creator.pc.getTransceivers().find((t) => t.kind === 'video')!.sender.onPictureLossIndication.subscribe(() => plis++);
  const whip = await connect(creator, input.webRTC.url);
  stops.push(sendFakeVideo(creator.video!));
  await eventually('creator live', async () => (await json<{ live: boolean }>(`/${input.uid}/lifecycle`)).live);
  return { input, creator, whip, plis: () => plis };
}

test('every viewer gets the creator’s packets; joining asks the creator for a keyframe', async () => {
  const { input, plis } = await liveInput();
  expect(await liveInputStatus(input.uid)).toBe('connected');

  const viewers = await Promise.all([peer(viewerPeer), peer(viewerPeer), peer(viewerPeer)]);
  const counts = viewers.map((v) => v.received);
  const plisBefore = plis();
  for (const viewer of viewers) await connect(viewer, input.webRTCPlayback.url);
  await eventually('packets at every viewer', () => counts.every((count) => count() > 10));
  await eventually('keyframe request on join', () => plis() > plisBefore);
  expect(await json(`/${input.uid}/views`)).toEqual({ liveViewers: 3 });

  const relay = await stats(input.uid);
  expect(relay).toMatchObject({ live: true, viewers: 3 });
  expect(relay.packetsRelayed).toBeGreaterThan(30);
  expect(relay.bitrateIn).toBeGreaterThan(0);
  // The fake creator sends only keyframes, one packet each.
  expect(relay.keyframesIn).toBeGreaterThan(10);
});

test('viewers’ SRTP is AES-CM (SrtpCmProtector) even when they prefer GCM; the creator keeps werift’s choice', async () => {
  const { input, creator } = await liveInput();
  const viewer = await peer(viewerPeer);
  await connect(viewer, input.webRTCPlayback.url);
  await eventually('packets at the viewer', () => viewer.received() > 10);
  const profile = (peer: TestPeer) => (peer.pc.dtlsTransports[0] as unknown as { srtp: { localContext: { profile: number } } }).srtp.localContext.profile;
  // werift offers and picks AEAD_AES_128_GCM first.
  expect(profile(viewer)).toBe(ProtectionProfileAes128CmHmacSha1_80);
  expect(profile(creator)).toBe(ProtectionProfileAeadAes128Gcm);
});

test('a viewer’s PLI reaches the creator (coalesced)', async () => {
  const { input, plis } = await liveInput();
  const viewer = await peer(viewerPeer);
  const count = viewer.received;
  await connect(viewer, input.webRTCPlayback.url);
  await eventually('packets', () => count() > 5);
  const before = plis();
  const ssrc = viewer.video!.ssrc!;
  const receiver = viewer.pc.getTransceivers().find((t) => t.kind === 'video')!.receiver;
  for (let i = 0; i < 5; i++) await receiver.sendRtcpPLI(ssrc);
  await eventually('forwarded PLI', () => plis() > before);
  const relay = await stats(input.uid);
  expect(relay.keyframeRequestsSent).toBeLessThan(relay.keyframeRequests);
});

test('a second creator is refused while the first is live; DELETE frees the input', async () => {
  const { input, whip } = await liveInput();
  const second = await peer(creatorPeer);
  const refused = await post(input.webRTC.url, second.offer);
  expect(refused.status).toBe(409);
  expect((await fetch(whip.session, { method: 'DELETE' })).status).toBe(200);
  expect((await json<{ live: boolean }>(`/${input.uid}/lifecycle`)).live).toBe(false);
  expect(await liveInputStatus(input.uid)).toBe('client_disconnect');
  await connect(second, input.webRTC.url);
  // Cloudflare's example client stops by DELETEing the publish URL itself.
  expect((await fetch(input.webRTC.url, { method: 'DELETE' })).status).toBe(200);
  expect((await json<SessionListing>('/_onair/sessions')).whip.some((s) => s.inputUid === input.uid)).toBe(false);
  expect((await fetch(input.webRTC.url, { method: 'DELETE' })).status).toBe(404);
});

test('viewers stay attached when the creator reconnects', async () => {
  const { input, whip } = await liveInput();
  const viewer = await peer(viewerPeer);
  const count = viewer.received;
  await connect(viewer, input.webRTCPlayback.url);
  await eventually('packets', () => count() > 5);
  await fetch(whip.session, { method: 'DELETE' });
  const again = await peer(creatorPeer);
  await connect(again, input.webRTC.url);
  stops.push(sendFakeVideo(again.video!));
  const before = count();
  await eventually('packets from the new creator', () => count() > before + 10);
});

test('viewers that cannot decode the new creator’s codec are ended', async () => {
  const { input, whip } = await liveInput();
  const viewer = await peer(viewerPeer);
  await connect(viewer, input.webRTCPlayback.url);
  const viewers = async () => (await json<SessionListing>('/_onair/sessions')).whep.filter((s) => s.inputUid === input.uid).length;
  expect(await viewers()).toBe(1);
  await fetch(whip.session, { method: 'DELETE' });
  const vp9 = relayCodecs();
  const vp9Creator = await peer(() => creatorPeer({ video: vp9.video.filter((c) => c.mimeType === 'video/VP9'), audio: vp9.audio }));
  await connect(vp9Creator, input.webRTC.url);
  await eventually('VP8 viewer ended', async () => (await viewers()) === 0);
});

test('legacy server-offer WHEP: empty POST, our offer, answer by PATCH', async () => {
  const { input } = await liveInput();
  const res = await fetch(input.webRTCPlayback.url, { method: 'POST', headers: { Accept: 'application/sdp' } });
  expect(res.status).toBe(201);
  expect(res.headers.get('content-type')).toBe('application/sdp');
  expect(Date.parse(res.headers.get('expires')!)).toBeGreaterThan(Date.now());
  const session = new URL(res.headers.get('location')!, input.webRTCPlayback.url).href;
  const pc = createPeerConnection();
  peers.push({ pc, offer: '', video: null, received: () => 0, firstPacket: null, close: () => pc.close() });
  let count = 0;
  pc.onTrack.subscribe((track) => track.kind === 'video' && track.onReceiveRtp.subscribe(() => count++));
  const offer = await res.text();
  // Our offer carries RTX for the creator's codec, with the SSRC pair.
  expect(rtxIn(offer).apt).toBe(Number(/m=video \d+ \S+ (\d+)/.exec(offer)![1]));
  expect(rtxIn(offer).ssrc).toBeGreaterThan(0);
  await pc.setRemoteDescription({ type: 'offer', sdp: offer });
  const created = await pc.createAnswer();
  skipStunFallback(pc);
  const answer = await pc.setLocalDescription(created);
  const patch = (body: string) => fetch(session, { method: 'PATCH', headers: { 'Content-Type': 'application/sdp' }, body });
  expect((await patch('not sdp')).status).toBe(400);
  const patched = await patch(answer.toSdp().sdp);
  expect(patched.status).toBe(204);
  await eventually('packets in server-offer mode', () => count > 5);
});

test('deleting the input ends its sessions; close() ends everything', async () => {
  const { input } = await liveInput();
  const viewer = await peer(viewerPeer);
  await connect(viewer, input.webRTCPlayback.url);
  const mine = async () => {
    const s = await json<SessionListing>('/_onair/sessions');
    return [...s.whip, ...s.whep].filter((x) => x.inputUid === input.uid).length;
  };
  expect(await mine()).toBe(2);
  await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs/${input.uid}`, { method: 'DELETE' });
  expect(await mine()).toBe(0);

  const other = await startOnairServer({ port: 0 });
  const created = ((await (await fetch(`${other.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
  const creator = await peer(creatorPeer);
  await connect(creator, created.webRTC.url);
  await other.close();
  await expect(fetch(`${other.url}/_onair/sessions`)).rejects.toThrow();
});

test('WHEP server-sent events: active, viewercount, inactive', async () => {
  const { input, whip } = await liveInput();
  const viewer = await peer(viewerPeer);
  const { session, response } = await connect(viewer, input.webRTCPlayback.url);
  const link = /<([^>]+)>; rel="urn:ietf:params:whep:ext:core:server-sent-events"/.exec(response.headers.get('link') ?? '')?.[1];
  expect(link).toBe(`${new URL(session).pathname}/sse`);
  const subscribeUrl = new URL(link!, session).href;
  const subscribe = (events: unknown) => fetch(subscribeUrl, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(events) });
  expect((await subscribe(['active', 'layers'])).status).toBe(400);
  const subscribed = await subscribe(['active', 'inactive', 'viewercount']);
  expect(subscribed.status).toBe(201);

  const stream = await fetch(new URL(subscribed.headers.get('location')!, subscribeUrl));
  expect(stream.headers.get('content-type')).toBe('text/event-stream');
  const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  const next = async () => {
    while (!buffer.includes('\n\n')) buffer += (await reader.read()).value ?? '';
    const [block, ...rest] = buffer.split('\n\n');
    buffer = rest.join('\n\n');
    const event = /^event: (.+)$/m.exec(block!)?.[1];
    return { event, data: JSON.parse(/^data: (.+)$/m.exec(block!)?.[1] ?? 'null') as unknown };
  };
  expect(await next()).toEqual({ event: 'active', data: {} });
  expect(await next()).toEqual({ event: 'viewercount', data: { viewercount: 1 } });
  await connect(await peer(viewerPeer), input.webRTCPlayback.url);
  expect(await next()).toEqual({ event: 'viewercount', data: { viewercount: 2 } });
  await fetch(whip.session, { method: 'DELETE' });
  expect(await next()).toEqual({ event: 'inactive', data: {} });
  await reader.cancel();
});

/**
 * A creator sending a keyframe every `gop` frames, whose encoder answers keyframe requests only when
 * told: `honour(n)` → the n-th PLI from now and later ones; `keyframeNow()` → the next frame.
 */
async function pliCreator(gop: number) {
  const input = ((await (await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
  const creator = await peer(creatorPeer);
  let plis = 0;
  let honourFrom = Infinity;
  let wanted = false;
  creator.pc.getTransceivers().find((t) => t.kind === 'video')!.sender.onPictureLossIndication.subscribe(() => {
    plis++;
    if (plis >= honourFrom) wanted = true;
  });
  await connect(creator, input.webRTC.url);
  await eventually('creator live', async () => (await json<{ live: boolean }>(`/${input.uid}/lifecycle`)).live);
  stops.push(
    sendFakeVideo(creator.video!, gop, () => {
      const key = wanted;
      wanted = false;
      return key;
    }),
  );
  return {
    input,
    creator,
    honour: (nth: number) => (honourFrom = plis + nth),
    keyframeNow: () => (wanted = true),
  };
}

const vp8Keyframe = (payload: Buffer) => payload.equals(fakeVp8(true));

test('a joining viewer’s video starts at a keyframe and goes on with every packet after it', async () => {
  const creator = await pliCreator(1000);
  creator.honour(1);
  const viewer = await peer(viewerPeer);
  const seqs: number[] = [];
  const payloads: Buffer[] = [];
  viewer.pc.onTrack.subscribe((track) =>
    track.onReceiveRtp.subscribe((rtp) => {
      seqs.push(rtp.header.sequenceNumber);
      payloads.push(rtp.payload);
    }),
  );
  await connect(viewer, creator.input.webRTCPlayback.url);
  await eventually('packets', () => seqs.length > 30);
  expect(vp8Keyframe(payloads[0]!)).toBe(true);
  // Interframes follow without a gap: the keyframe alone would not be enough to decode them.
  expect(payloads.slice(1, 30).some((p) => !vp8Keyframe(p))).toBe(true);
  for (let i = 1; i < 30; i++) expect((seqs[i]! - seqs[i - 1]! + 0x10000) % 0x10000).toBe(1);
});

test('a viewer waiting for its first keyframe asks again until it gets one', async () => {
  const creator = await pliCreator(100_000);
  // Its first keyframe is then too old to replay (> 500 ms).
  await eventually('the cached keyframe aged', async () => (await stats(creator.input.uid)).packetsIn > 50);
  const viewer = await peer(viewerPeer);
  await connect(viewer, creator.input.webRTCPlayback.url);
  await eventually('viewer connected', () => viewer.pc.connectionState === 'connected');
  // The encoder ignores the join's request and the first one after the media path is up.
  creator.honour(2);
  await eventually('packets', () => viewer.received() > 5);
  expect(vp8Keyframe(viewer.firstPacket!.payload)).toBe(true);
  const relay = await stats(creator.input.uid);
  expect(relay.keyframeRequestsSent).toBeGreaterThanOrEqual(3);
});

test('a fresh cached group of pictures reaches a joining viewer without waiting for the next keyframe', async () => {
  const creator = await pliCreator(100_000);
  await eventually('the first keyframe', async () => (await stats(creator.input.uid)).keyframesIn >= 1);
  // A fresh keyframe, then none: the viewer's own requests are ignored, so only the cache can serve it.
  creator.keyframeNow();
  await eventually('a fresh keyframe cached', async () => (await stats(creator.input.uid)).keyframesIn >= 2);
  const keyframesIn = (await stats(creator.input.uid)).keyframesIn;
  const viewer = await peer(viewerPeer);
  await connect(viewer, creator.input.webRTCPlayback.url);
  await eventually('packets', () => viewer.received() > 5);
  expect(vp8Keyframe(viewer.firstPacket!.payload)).toBe(true);
  expect((await stats(creator.input.uid)).keyframesIn).toBe(keyframesIn);
});

test('without the keyframe cache a joining viewer still starts at a keyframe', async () => {
  const uncached = await startOnairServer({ port: 0, keyframeCache: false });
  try {
    const res = await fetch(`${uncached.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' });
    const input = ((await res.json()) as { result: LiveInput }).result;
    const creator = await peer(creatorPeer);
    let wanted = false;
    creator.pc.getTransceivers().find((t) => t.kind === 'video')!.sender.onPictureLossIndication.subscribe(() => (wanted = true));
    await connect(creator, input.webRTC.url);
    await eventually('creator live', async () => ((await (await fetch(`${uncached.url}/${input.uid}/lifecycle`)).json()) as { live: boolean }).live);
    stops.push(sendFakeVideo(creator.video!, 100_000, () => [wanted, (wanted = false)][0]!));
    const viewer = await peer(viewerPeer);
    await connect(viewer, input.webRTCPlayback.url);
    await eventually('packets', () => viewer.received() > 5);
    expect(vp8Keyframe(viewer.firstPacket!.payload)).toBe(true);
  } finally {
    await uncached.close();
  }
});

test('keyframe requests add a FIR when the creator negotiated ccm fir', async () => {
  const input = ((await (await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
  const codecs = relayCodecs();
  for (const codec of codecs.video) codec.rtcpFeedback = [...codec.rtcpFeedback, { type: 'ccm', parameter: 'fir' }];
  const creator = await peer(() => creatorPeer(codecs));
  const firs: { ssrc: number; sequenceNumber: number }[] = [];
  const video = creator.pc.getTransceivers().find((t) => t.kind === 'video')!.sender;
  video.dtlsTransport.onRtcp.subscribe((packet) => {
    const feedback = (packet as { feedback?: { count?: number; fir?: { ssrc: number; sequenceNumber: number }[] } }).feedback;
    if (packet.type === 206 && feedback?.count === 4) firs.push(...(feedback.fir ?? []));
  });
  await connect(creator, input.webRTC.url);
  stops.push(sendFakeVideo(creator.video!));
  await eventually('FIR for the creator’s video SSRC', () => firs.some((f) => f.ssrc === video.ssrc));
});

test('NACK: a viewer’s is answered with the lost packet; a gap from the creator is NACKed to it', async () => {
  const { input, creator } = await liveInput();
  const viewer = await peer(viewerPeer);
  const seen = new Map<number, number>();
  viewer.pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => seen.set(rtp.header.sequenceNumber, (seen.get(rtp.header.sequenceNumber) ?? 0) + 1)));
  await connect(viewer, input.webRTCPlayback.url);
  await eventually('packets', () => seen.size > 5);
  // Ask again for one it has: werift's sender keeps recent packets and resends them.
  const [lost] = seen.keys();
  const receiver = viewer.pc.getTransceivers().find((t) => t.kind === 'video')!.receiver;
  const nack = new GenericNack({ senderSsrc: receiver.rtcpSsrc, mediaSourceSsrc: viewer.video!.ssrc, lost: [lost!] });
  await receiver.dtlsTransport.sendRtcp([new RtcpTransportLayerFeedback({ feedback: nack })]);
  await eventually('retransmission', () => seen.get(lost!)! > 1);

  const nacked: number[] = [];
  const sender = creator.pc.getTransceivers().find((t) => t.kind === 'video')!.sender;
  sender.onGenericNack.subscribe((feedback) => nacked.push(...feedback.lost));
  stops.splice(0).forEach((stop) => stop());
  const write = (seq: number) => creator.video!.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 96, sequenceNumber: seq, timestamp: seq * 1800, marker: true }), fakeVp8(false)));
  for (const seq of [20_000, 20_001, 20_003, 20_004]) write(seq);
  await eventually('NACK for the missing packet', () => nacked.includes(20_002));
});

/** VP8 with RTX (werift numbers the rtx codec after VP8 and points its apt there) and Opus. */
const vp8WithRtx = () => {
  const { video, audio } = relayCodecs();
  return { video: [video[0]!, new RTCRtpCodecParameters({ mimeType: 'video/rtx', clockRate: 90000 })], audio };
};

/** An answer's rtx payload type for `apt`, and the RTX SSRC of its `a=ssrc-group:FID`. */
function rtxIn(sdp: string) {
  const video = sdp.slice(sdp.indexOf('m=video'));
  const rtx = /a=rtpmap:(\d+) rtx\/90000\r?\na=fmtp:\1 apt=(\d+)/.exec(video);
  const fid = /a=ssrc-group:FID (\d+) (\d+)/.exec(video);
  return { payloadType: Number(rtx?.[1]), apt: Number(rtx?.[2]), ssrc: Number(fid?.[2]) };
}

test('RTX: negotiated both ways; viewers get retransmissions on the RTX stream, the creator’s are unwrapped and relayed once', async () => {
  const input = ((await (await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
  const creator = await peer(() => creatorPeer(vp8WithRtx()));
  const whip = await connect(creator, input.webRTC.url);
  const whipAnswer = creator.pc.remoteDescription!.sdp;
  const creatorSender = creator.pc.getTransceivers().find((t) => t.kind === 'video')!.sender;
  expect(rtxIn(whipAnswer).apt).toBe(creatorSender.codec!.payloadType);
  expect(whip.response.status).toBe(201);
  stops.push(sendFakeVideo(creator.video!));

  const viewer = await peer(() => viewerPeer(vp8WithRtx()));
  const payloads: Buffer[] = [];
  viewer.pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => payloads.push(rtp.payload)));
  await eventually('creator live', async () => (await json<{ live: boolean }>(`/${input.uid}/lifecycle`)).live);
  await connect(viewer, input.webRTCPlayback.url);
  const serverRtx = rtxIn(viewer.pc.remoteDescription!.sdp);
  const viewerReceiver = viewer.pc.getTransceivers().find((t) => t.kind === 'video')!.receiver;
  expect(serverRtx.ssrc).toBeGreaterThan(0);
  const onRtxStream: RtpPacket[] = [];
  const onMediaStream: RtpPacket[] = [];
  viewerReceiver.dtlsTransport.onRtp.subscribe((rtp) => (rtp.header.ssrc === serverRtx.ssrc ? onRtxStream : onMediaStream).push(rtp));
  await eventually('packets', () => viewer.received() > 5);

  // A viewer's NACK is answered on the RTX SSRC with the rtx payload type; werift's receiver unwraps it.
  const seq = viewer.firstPacket!.header.sequenceNumber;
  const nack = new GenericNack({ senderSsrc: viewerReceiver.rtcpSsrc, mediaSourceSsrc: viewer.video!.ssrc, lost: [seq] });
  await viewerReceiver.dtlsTransport.sendRtcp([new RtcpTransportLayerFeedback({ feedback: nack })]);
  await eventually('retransmission on the RTX stream', () => onRtxStream.length > 0);
  expect(onRtxStream[0]!.header.payloadType).toBe(serverRtx.payloadType);
  // RFC 4588: the payload starts with the original sequence number.
  expect(onRtxStream[0]!.payload.readUInt16BE(0)).toBe(seq);

  // The creator's packet 30_002 is lost on the wire; the server NACKs it, the creator resends it
  // on its RTX stream, the server unwraps it and relays it, once.
  stops.splice(0).forEach((stop) => stop());
  const lost = Buffer.concat([fakeVp8(false), Buffer.from('lost packet')]);
  const sentOnRtx = dropOnce(creatorSender, 30_002);
  for (const seq of [30_000, 30_001, 30_002, 30_003, 30_004]) {
    const payload = seq === 30_002 ? lost : fakeVp8(false);
    creator.video!.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 96, sequenceNumber: seq, timestamp: seq * 1800, marker: true }), payload));
  }
  await eventually('the lost packet, recovered, at the viewer', () => payloads.some((p) => p.equals(lost)));
  expect(sentOnRtx[0]).toMatchObject({ payloadType: rtxIn(whipAnswer).payloadType, ssrc: creatorSender.rtxSsrc });
  // Sent again (RTX-probing Chromium does this too), it is not relayed again.
  const after = Buffer.concat([fakeVp8(false), Buffer.from('after')]);
  const repeated = (await stats(input.uid)).packetsRepeated;
  for (const [seq, payload] of [[30_002, lost], [30_005, after]] as const) {
    creator.video!.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 96, sequenceNumber: seq, timestamp: seq * 1800, marker: true }), payload));
  }
  await eventually('the packet after the repeat', () => onMediaStream.some((p) => p.payload.equals(after)));
  expect(onMediaStream.filter((p) => p.payload.equals(lost))).toHaveLength(1);
  expect((await stats(input.uid)).packetsRepeated).toBeGreaterThan(repeated);
});

test('RTX: a viewer answered with a codec other than its first retransmits on that codec’s rtx', async () => {
  const { input } = await liveInput();
  const { video, audio } = relayCodecs();
  const rtx = () => new RTCRtpCodecParameters({ mimeType: 'video/rtx', clockRate: 90000 });
  // VP9 first, then VP8 (what the creator sends): werift numbers them 97 (rtx 98) and 99 (rtx 100).
  const viewer = await peer(() => viewerPeer({ video: [video[1]!, rtx(), video[0]!, rtx()], audio }));
  await connect(viewer, input.webRTCPlayback.url);
  const answer = viewer.pc.remoteDescription!.sdp;
  expect(answer).toMatch(/m=video \d+ \S+ 99 100\r\n/);
  expect(rtxIn(answer)).toMatchObject({ payloadType: 100, apt: 99 });
  const receiver = viewer.pc.getTransceivers().find((t) => t.kind === 'video')!.receiver;
  const onRtxStream: RtpPacket[] = [];
  receiver.dtlsTransport.onRtp.subscribe((rtp) => rtp.header.ssrc === rtxIn(answer).ssrc && onRtxStream.push(rtp));
  await eventually('packets', () => viewer.received() > 5);
  const nack = new GenericNack({ senderSsrc: receiver.rtcpSsrc, mediaSourceSsrc: viewer.video!.ssrc, lost: [viewer.firstPacket!.header.sequenceNumber] });
  await receiver.dtlsTransport.sendRtcp([new RtcpTransportLayerFeedback({ feedback: nack })]);
  await eventually('retransmission on the RTX stream', () => onRtxStream.length > 0);
  expect(onRtxStream[0]!.header.payloadType).toBe(100);
});

/**
 * Makes the creator's first send of `seq` vanish, as if lost on the wire; returns the headers of
 * what it sends on its RTX stream.
 */
function dropOnce(sender: RTCRtpSender, seq: number): RtpHeader[] {
  const transport = sender.dtlsTransport;
  const send = transport.sendRtp.bind(transport);
  const onRtx: RtpHeader[] = [];
  let dropped = false;
  transport.sendRtp = async (payload, header) => {
    if (header.ssrc === sender.rtxSsrc) onRtx.push(header);
    if (header.ssrc === sender.ssrc && header.sequenceNumber === seq && !dropped) {
      dropped = true;
      return 0;
    }
    return send(payload, header);
  };
  return onRtx;
}

test('a creator packet werift can parse but not write again is relayed under a header of our own; relaying goes on', async () => {
  const { input, creator } = await liveInput();
  const viewer = await peer(viewerPeer);
  const payloads: Buffer[] = [];
  viewer.pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => payloads.push(rtp.payload)));
  await connect(viewer, input.webRTCPlayback.url);
  await eventually('packets', () => payloads.length > 5);
  stops.splice(0).forEach((stop) => stop());

  // A header extension of an unknown profile whose stated length runs past the packet: werift's
  // parser accepts it, its serializer throws. The relay writes each viewer's header itself and
  // forwards no creator extension, so nothing serializes this one.
  const sender = creator.pc.getTransceivers().find((t) => t.kind === 'video')!.sender;
  const raw = Buffer.alloc(12 + 4 + 6);
  raw[0] = 0x90;
  raw[1] = sender.codec!.payloadType;
  raw.writeUInt16BE(50_000, 2);
  raw.writeUInt32BE(50_000 * 90, 4);
  raw.writeUInt32BE(sender.ssrc, 8);
  raw.writeUInt16BE(0x1234, 12);
  raw.writeUInt16BE(16, 14);
  const transport = sender.dtlsTransport as unknown as {
    srtp: { encrypt(payload: Buffer, header: object): Buffer };
    iceTransport: { connection: { send(data: Buffer): Promise<void> } };
  };
  const header = { ssrc: sender.ssrc, sequenceNumber: 50_000, serializeSize: raw.length, serialize: () => raw };
  const relayed = (await stats(input.uid)).packetsRelayed;
  await transport.iceTransport.connection.send(transport.srtp.encrypt(Buffer.alloc(0), header));
  await eventually('the packet relayed', async () => (await stats(input.uid)).packetsRelayed > relayed);

  const after = Buffer.concat([fakeVp8(false), Buffer.from('after')]);
  creator.video!.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 96, sequenceNumber: 50_001, timestamp: 50_001 * 90, marker: true }), after));
  await eventually('the next packet at the viewer', () => payloads.some((p) => p.equals(after)));
});

test('a relay listener that throws (the store on a full disk) is logged; the others still hear the event', async () => {
  const logs: string[] = [];
  const relay = new InputRelay('uid', { log: (message) => logs.push(message) });
  const heard: RelayEvent[] = [];
  relay.subscribe(() => {
    throw new Error('disk full');
  });
  relay.subscribe((event) => heard.push(event));
  const session = new WebRtcSession('whep', 'uid', createPeerConnection(), '/uid/webRTC/play');
  try {
    expect(() => relay.addViewer(session)).not.toThrow();
    expect(heard).toEqual([{ type: 'viewers', count: 1 }]);
    expect(logs[0]).toContain('disk full');
  } finally {
    await session.close();
    relay.close();
  }
});

test('a session the server ends tells its peer at once (DTLS close_notify), not when ICE consent expires', async () => {
  const { input, creator } = await liveInput();
  const viewer = await peer(viewerPeer);
  const { session } = await connect(viewer, input.webRTCPlayback.url);
  await eventually('viewer connected', () => viewer.pc.connectionState === 'connected');
  const dtlsState = (p: TestPeer) => p.pc.dtlsTransports[0]!.state;
  expect((await fetch(session, { method: 'DELETE' })).status).toBe(200);
  await eventually('the viewer’s DTLS transport closed', () => dtlsState(viewer) === 'closed', 2_000);
  // Deleting the input ends the creator's session the same way.
  await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs/${input.uid}`, { method: 'DELETE' });
  await eventually('the creator’s DTLS transport closed', () => dtlsState(creator) === 'closed', 2_000);
});

test('stats: a gap counts as loss once; a late (retransmitted) packet neither counts nor rewinds the count', async () => {
  const input = ((await (await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
  const creator = await peer(creatorPeer);
  await connect(creator, input.webRTC.url);
  await eventually('creator connected', () => creator.pc.connectionState === 'connected');
  const write = (seq: number) => creator.video!.writeRtp(new RtpPacket(new RtpHeader({ payloadType: 96, sequenceNumber: seq, timestamp: seq * 1800, marker: true }), fakeVp8(false)));
  for (const seq of [40_000, 40_001, 40_003, 40_002, 40_004]) write(seq);
  await eventually('all five packets in', async () => (await stats(input.uid)).packetsIn >= 5);
  expect((await stats(input.uid)).packetsLost).toBe(1);
});

// Overload that degrades gracefully (issue 10): whole video frames are dropped, up to a keyframe,
// for the whole fan-out when it falls behind or for one viewer that cannot keep up; audio never;
// and what is sent is renumbered, so viewers see no loss to NACK.
/** sendFakeVideo's timestamps: one frame every 1800 ticks. */
const FRAME_TICKS = 1800;

/** A creator sending fake video (a keyframe every `gop` frames, and on every PLI when `honourPli`) and audio. */
async function creatorWithAudio(gop: number, honourPli: boolean) {
  const { input, creator, honour } = await pliCreator(gop);
  if (honourPli) honour(1);
  stops.push(sendFakeAudio(creator.pc.getTransceivers().find((t) => t.kind === 'audio')!.sender.track as MediaStreamTrack));
  return { input };
}

/** A viewer recording every packet per kind: sequence number, timestamp, payload. */
async function recordingViewer(url: string) {
  const viewer = await peer(viewerPeer);
  const got = { video: [] as RtpPacket[], audio: [] as RtpPacket[] };
  viewer.pc.onTrack.subscribe((track) => track.onReceiveRtp.subscribe((rtp) => got[track.kind as 'video' | 'audio'].push(rtp)));
  await connect(viewer, url);
  await eventually('video and audio at the viewer', () => got.video.length > 5 && got.audio.length > 5);
  return { viewer, got };
}

/** Sequence numbers follow each other without a gap (mod 2^16). */
function contiguous(packets: RtpPacket[]): boolean {
  return packets.every((p, i) => i === 0 || ((p.header.sequenceNumber - packets[i - 1]!.header.sequenceNumber) & 0xffff) === 1);
}

/** Frames after left-out frames (a timestamp step beyond one frame): each must be a keyframe. */
function afterGaps(packets: RtpPacket[]): RtpPacket[] {
  return packets.filter((p, i) => i > 0 && ((p.header.timestamp - packets[i - 1]!.header.timestamp) >>> 0) > FRAME_TICKS);
}

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

test('a fan-out that falls behind drops whole video frames up to a keyframe for everyone; audio goes on; viewers see no gap', async () => {
  const { input } = await creatorWithAudio(25, true);
  const { got } = await recordingViewer(input.webRTCPlayback.url);
  // Video sends become far slower than the creator's frame rate: the backlog passes 300 ms.
  const send = RtpForwarder.prototype.send;
  const slow = vi.spyOn(RtpForwarder.prototype, 'send').mockImplementation(function (this: RtpForwarder, packet, sequenceNumber) {
    if (packet.header.payloadType !== 111) busy(40);
    return send.call(this, packet, sequenceNumber);
  });
  await eventually('frames dropped', async () => (await stats(input.uid)).framesDropped >= 3);
  slow.mockRestore();
  const audioBefore = got.audio.length;
  await eventually('video again after the drop, from a keyframe', () => afterGaps(got.video).length > 0 && got.video.length > afterGaps(got.video).length + 20);
  await eventually('audio still flowing', () => got.audio.length > audioBefore + 20);

  const relay = await stats(input.uid);
  expect(relay.packetsDropped).toBeGreaterThan(0);
  expect(contiguous(got.video)).toBe(true);
  expect(afterGaps(got.video).every((p) => vp8Keyframe(p.payload))).toBe(true);
  // Audio: every packet the creator sent, none left out.
  expect(contiguous(got.audio)).toBe(true);
});

test('a viewer that reports heavy loss gets whole frames up to the next keyframe; the other viewers get every frame', async () => {
  const { input } = await creatorWithAudio(25, false);
  const lossy = await recordingViewer(input.webRTCPlayback.url);
  const healthy = await recordingViewer(input.webRTCPlayback.url);
  const receiver = lossy.viewer.pc.getTransceivers().find((t) => t.kind === 'video')!.receiver;
  const fractionLost = 200; // of 256
  const report = new RtcpRrPacket({
    ssrc: receiver.rtcpSsrc,
    reports: [new RtcpReceiverInfo({ ssrc: lossy.viewer.video!.ssrc, fractionLost, packetsLost: 0, highestSequence: 0, jitter: 0, lsr: 0, dlsr: 0 })],
  });
  await receiver.dtlsTransport.sendRtcp([report]);
  await eventually('frames dropped for that viewer', async () => (await stats(input.uid)).viewerFramesDropped > 0);
  await eventually('its video again, from the next keyframe', () => afterGaps(lossy.got.video).length > 0 && lossy.got.video.at(-1) !== afterGaps(lossy.got.video).at(-1));

  expect(contiguous(lossy.got.video)).toBe(true);
  expect(afterGaps(lossy.got.video).every((p) => vp8Keyframe(p.payload))).toBe(true);
  expect(afterGaps(healthy.got.video)).toEqual([]);
  expect(contiguous(healthy.got.video)).toBe(true);
  expect((await stats(input.uid)).framesDropped).toBe(0);
});

test('abs-capture-time: the creator’s capture times reach each viewer that negotiated it, at that viewer’s id; others get none', async () => {
  const input = ((await (await fetch(`${server.url}/client/v4/accounts/local/stream/live_inputs`, { method: 'POST' })).json()) as { result: LiveInput }).result;
  const creator = await peer(creatorPeer);
  await connect(creator, input.webRTC.url);
  await eventually('creator live', async () => (await json<{ live: boolean }>(`/${input.uid}/lifecycle`)).live);
  const creatorId = creator.pc.getTransceivers().find((t) => t.kind === 'video')!.headerExtensions.find((e) => e.uri === ABS_CAPTURE_TIME_URI)!.id;
  const extmap = new RegExp(`a=extmap:(\\d+) ${ABS_CAPTURE_TIME_URI}\\r\\n`, 'g');
  // One viewer asks for it at an id of its own, one does not offer it.
  const stamped = await peer(viewerPeer);
  stamped.offer = stamped.offer.replace(extmap, (line, id: string) => (id === String(creatorId) ? line.replace(`:${id} `, ':9 ') : line));
  const plain = await peer(viewerPeer);
  plain.offer = plain.offer.replace(extmap, '');
  const received = (viewer: TestPeer) => {
    const packets: { timestamp: number; extensions: { id: number; payload: Buffer }[] }[] = [];
    viewer.pc.onTrack.subscribe((track) => track.kind === 'video' && track.onReceiveRtp.subscribe(({ header }) => packets.push(header)));
    return packets;
  };
  const [atStamped, atPlain] = [received(stamped), received(plain)];
  await connect(stamped, input.webRTCPlayback.url);
  await connect(plain, input.webRTCPlayback.url);

  // Keyframes every 20 ms; every third carries a capture time (Chromium too sends it on some packets only).
  const captureTime = (frame: number) => Buffer.from(`e4c1${String(frame).padStart(12, '0')}`, 'hex');
  let frame = 0;
  const timer = setInterval(() => {
    frame++;
    const extensions = frame % 3 === 0 ? [{ id: creatorId, payload: captureTime(frame) }] : [];
    const header = new RtpHeader({ payloadType: 96, sequenceNumber: frame, timestamp: frame * 1800, marker: true, extensions });
    creator.video!.writeRtp(new RtpPacket(header, fakeVp8(true)));
  }, 20);
  stops.push(() => clearInterval(timer));
  await eventually('capture times at the viewer', () => atStamped.filter((h) => h.extensions.some((e) => e.id === 9)).length >= 5);
  await eventually('packets at the other viewer', () => atPlain.length >= 15);

  for (const header of atStamped) {
    const sent = header.timestamp / 1800;
    const capture = header.extensions.find((e) => e.id === 9)?.payload;
    // Forwarded unchanged on exactly the packets that carried one (timestamps are not rebased here: one creator).
    if (sent % 3 === 0) expect(capture?.toString('hex')).toBe(captureTime(sent).toString('hex'));
    else expect(capture).toBeUndefined();
  }
  // The other viewer: its MID, nothing else.
  const mid = plain.pc.getTransceivers().find((t) => t.kind === 'video')!.headerExtensions.find((e) => e.uri === RTP_EXTENSION_URI.sdesMid)!.id;
  expect(new Set(atPlain.flatMap((h) => h.extensions.map((e) => e.id)))).toEqual(new Set([mid]));
});
