import type { IncomingMessage } from 'node:http';
import { RTCRtpCodecParameters } from 'werift';
import { relayCodecs, sameBitstream } from './codecs.js';
import { isRtx, repairCodecOf, sendCodec } from './rtx.js';
import { HttpError } from './httpError.js';
import type { InputRelay } from './relay.js';
import { createPeerConnection } from './peerConnection.js';
import { readSdp } from './requestBody.js';
import type { RequestContext } from './router.js';
import { validateOffer } from './sdpOffer.js';
import type { ServerContext } from './serverContext.js';
import { sendSessionCreated } from './sessionResponse.js';
import { sseLink } from './viewerEvents.js';
import { CONNECT_TIMEOUT_MS, WebRtcSession } from './webrtcSession.js';

/** Retry hint while nobody publishes: short, the creator usually is seconds away. */
export const WHEP_RETRY_AFTER_SECONDS = 2;

/**
 * `POST /{uid}/webRTC/play`: a viewer. Client offer (WHEP) → 201 with our answer; empty body with
 * `Accept: application/sdp` (Cloudflare's legacy mode, draft-murillo-whep-01) → 201 with our offer,
 * answered later by PATCH.
 */
export function whepPlay(server: ServerContext) {
  return async ({ req, res, params }: RequestContext) => {
    server.overload.admit();
    const serverOffer = wantsServerOffer(req);
    const clientOffer = serverOffer ? null : await readSdp(req);
    const input = server.store.byUid(params.uid!);
    if (!input) throw new HttpError(404, 'No live input with this id');
    if (clientOffer !== null) validateOffer(clientOffer, 'whep');
    const relay = server.registry.relay(input.uid);
    if (!relay.live) {
      throw new HttpError(409, 'The creator is not live yet; retry after the indicated delay', undefined, {
        'Retry-After': String(WHEP_RETRY_AFTER_SECONDS),
      });
    }

    const endpointPath = `/${input.uid}/webRTC/play`;
    const session = clientOffer === null ? serverOfferSession(relay, endpointPath) : new WebRtcSession('whep', input.uid, createPeerConnection(relayCodecs(clientOffer)), endpointPath);
    server.registry.add(session);
    try {
      if (clientOffer === null) {
        const offer = await session.offer();
        relay.addViewer(session);
        sendSessionCreated(res, server, session, offer, {
          headers: { Expires: new Date(Date.now() + CONNECT_TIMEOUT_MS).toUTCString() },
          links: [sseLink(server, session)],
        });
      } else {
        const answer = await session.answer(clientOffer, () => sendWhatThePublisherSends(session, relay));
        relay.addViewer(session);
        sendSessionCreated(res, server, session, answer, { links: [sseLink(server, session)] });
      }
    } catch (error) {
      await session.close();
      throw error;
    }
  };
}

function wantsServerOffer(req: IncomingMessage): boolean {
  const noBody = !req.headers['content-type'] && (req.headers['content-length'] ?? '0') === '0' && !req.headers['transfer-encoding'];
  return noBody && /application\/sdp/i.test(req.headers.accept ?? '');
}

/**
 * Viewers get the creator's packets unchanged, so each must negotiate exactly the creator's codec
 * (and the rtx codec repairing it, for retransmissions).
 */
function sendWhatThePublisherSends(session: WebRtcSession, relay: InputRelay): void {
  for (const transceiver of session.pc.getTransceivers()) {
    if (transceiver.kind !== 'audio' && transceiver.kind !== 'video') continue;
    // A transceiver created by the remote offer does not send until told to (as in browsers).
    transceiver.setDirection('sendonly');
    const published = relay.publisherCodec(transceiver.kind);
    if (!published) continue;
    const match = transceiver.codecs.find((c) => !isRtx(c) && sameBitstream(c, published));
    if (!match) {
      throw new HttpError(422, `The offer cannot receive the creator's ${transceiver.kind} codec (${published.mimeType} ${published.parameters ?? ''})`.trim());
    }
    const rtx = repairCodecOf(transceiver.codecs, match);
    transceiver.codecs = rtx ? [match, rtx] : [match];
    sendCodec(transceiver.sender, match, rtx);
  }
}

function serverOfferSession(relay: InputRelay, endpointPath: string): WebRtcSession {
  const codecs: { video?: RTCRtpCodecParameters[]; audio?: RTCRtpCodecParameters[] } = {};
  for (const kind of ['video', 'audio'] as const) {
    const published = relay.publisherCodec(kind);
    if (published) {
      const { mimeType, clockRate, channels, rtcpFeedback, parameters } = published;
      codecs[kind] = [new RTCRtpCodecParameters({ mimeType, clockRate, channels, rtcpFeedback, parameters })];
      // werift numbers an rtx codec after the one before it, and points its apt there.
      if (kind === 'video') codecs[kind].push(new RTCRtpCodecParameters({ mimeType: 'video/rtx', clockRate: 90000 }));
    }
  }
  const pc = createPeerConnection(codecs);
  for (const kind of ['video', 'audio'] as const) if (codecs[kind]) pc.addTransceiver(kind, { direction: 'sendonly' });
  return new WebRtcSession('whep', relay.uid, pc, endpointPath);
}
