// werift peers for the fan-out bench (publisher and viewers), signalled over WHIP/WHEP without
// trickle: werift gathers its host candidates at once on loopback.
import { RTCPeerConnection, RTCRtpCodecParameters, useNACK, usePLI } from 'werift';

/** The payload types every bench peer offers (an answer keeps the offer's). */
export const VIDEO_PAYLOAD_TYPE = 96;
export const AUDIO_PAYLOAD_TYPE = 111;

export function createPeer(): RTCPeerConnection {
  return new RTCPeerConnection({
    // werift's default is a public STUN server, unreachable offline; loopback must be added explicitly.
    iceServers: [],
    iceAdditionalHostAddresses: ['127.0.0.1'],
    codecs: {
      video: [new RTCRtpCodecParameters({ mimeType: 'video/VP8', clockRate: 90000, payloadType: VIDEO_PAYLOAD_TYPE, rtcpFeedback: [useNACK(), usePLI()] })],
      audio: [new RTCRtpCodecParameters({ mimeType: 'audio/opus', clockRate: 48000, channels: 2, payloadType: AUDIO_PAYLOAD_TYPE })],
    },
  });
}

async function gathered(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return;
  await new Promise<void>((resolve) => {
    const { unSubscribe } = pc.iceGatheringStateChange.subscribe((state) => {
      if (state === 'complete') {
        unSubscribe();
        resolve();
      }
    });
  });
}

export interface Signalled {
  /** The WHIP/WHEP session URL (for DELETE). */
  sessionUrl: string;
}

/** Offers, POSTs to a WHIP or WHEP endpoint, applies the answer. Throws on a non-201 answer. */
export async function signal(pc: RTCPeerConnection, endpoint: string, signalTimeoutMs = 15_000): Promise<Signalled> {
  await pc.setLocalDescription(await pc.createOffer());
  await gathered(pc);
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/sdp' },
    body: pc.localDescription!.sdp,
    signal: AbortSignal.timeout(signalTimeoutMs),
  });
  const body = await response.text();
  if (response.status !== 201) throw new Error(`POST ${new URL(endpoint).pathname.split('/').pop()} answered ${response.status}`);
  const location = response.headers.get('location');
  if (!location) throw new Error('201 without Location');
  await pc.setRemoteDescription({ type: 'answer', sdp: body });
  return { sessionUrl: new URL(location, endpoint).href };
}

export async function hangUp(pc: RTCPeerConnection, sessionUrl: string | undefined): Promise<void> {
  if (sessionUrl) await fetch(sessionUrl, { method: 'DELETE', signal: AbortSignal.timeout(5_000) }).catch(() => {});
  await pc.close().catch(() => {});
}

export async function connected(pc: RTCPeerConnection, timeoutMs: number): Promise<void> {
  if (pc.connectionState === 'connected') return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      unSubscribe();
      reject(new Error(`not connected after ${timeoutMs} ms (${pc.connectionState})`));
    }, timeoutMs);
    const { unSubscribe } = pc.connectionStateChange.subscribe((state) => {
      if (state === 'connected') {
        clearTimeout(timer);
        unSubscribe();
        resolve();
      } else if (state === 'failed' || state === 'closed') {
        clearTimeout(timer);
        unSubscribe();
        reject(new Error(`connection ${state}`));
      }
    });
  });
}
