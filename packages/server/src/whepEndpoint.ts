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
import { inputEventsLink, sseLink } from './viewerEvents.js';
import { CONNECT_TIMEOUT_MS, WebRtcSession } from './webrtcSession.js';

/** Retry hint while nobody publishes: short, the creator usually is seconds away. */
export const WHEP_RETRY_AFTER_SECONDS = 2;

/**
 * `POST /{uid}/webRTC/play`: a viewer. Client offer (WHEP) → 201 with our answer; an offer that
 * cannot receive what the creator sends → 406 with our offer instead (WHEP-03 counter-offer);
 * empty body with `Accept: application/sdp` (Cloudflare's legacy mode, draft-murillo-whep-01) →
 * 201 with our offer. Offers are answered later by PATCH.
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
      // The linked event stream says when the creator goes live: players that follow it need not poll.
      throw new HttpError(409, 'The creator is not live yet; retry after the indicated delay, or follow the linked events', undefined, {
        'Retry-After': String(WHEP_RETRY_AFTER_SECONDS),
        Link: inputEventsLink(server, input.uid),
      });
    }

    const endpointPath = `/${input.uid}/webRTC/play`;
    const start = async (session: WebRtcSession, negotiate: () => Promise<string>) => {
      server.registry.add(session);
      try {
        const sdp = await negotiate();
        relay.addViewer(session);
        return sdp;
      } catch (error) {
        await session.close();
        throw error;
      }
    };
    if (clientOffer !== null) {
      const session = new WebRtcSession('whep', input.uid, createPeerConnection(relayCodecs(clientOffer)), endpointPath);
      try {
        const answer = await start(session, () => session.answer(clientOffer, () => sendWhatThePublisherSends(session, relay)));
        sendSessionCreated(res, server, session, answer, { links: [sseLink(server, session)] });
        return;
      } catch (error) {
        if (!(error instanceof UnplayableOffer)) throw error;
      }
    }
    const session = serverOfferSession(relay, endpointPath);
    const offer = await start(session, () => session.offer());
    sendSessionCreated(res, server, session, offer, {
      status: clientOffer === null ? 201 : 406,
      headers: { Expires: new Date(Date.now() + CONNECT_TIMEOUT_MS).toUTCString() },
      links: [sseLink(server, session)],
    });
  };
}

/** The viewer's offer has no codec that can carry the creator's bitstream: we offer ours instead. */
class UnplayableOffer extends HttpError {}

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
      throw new UnplayableOffer(422, `The offer cannot receive the creator's ${transceiver.kind} codec (${published.mimeType} ${published.parameters ?? ''})`.trim());
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
