import { createPeerConnection } from './peerConnection.js';
import { addBitrateHints } from './bitrateHints.js';
import { relayCodecs } from './codecs.js';
import { HttpError } from './httpError.js';
import { readSdp } from './requestBody.js';
import type { RequestContext } from './router.js';
import { validateOffer } from './sdpOffer.js';
import type { ServerContext } from './serverContext.js';
import { sendSessionCreated } from './sessionResponse.js';
import { WebRtcSession } from './webrtcSession.js';

/** `POST /{secret}/webRTC/publish`: the creator's WHIP offer in, answer out (RFC 9725 §4.2). */
export function whipPublish(server: ServerContext) {
  return async ({ req, res, params }: RequestContext) => {
    server.overload.admit();
    const offer = await readSdp(req);
    const input = server.store.bySecret(params.secret!);
    // Same answer for a wrong secret as for a deleted input: the URL reveals nothing.
    if (!input) throw new HttpError(404, 'No live input publishes at this URL');
    if (!input.enabled) throw new HttpError(403, 'This live input is disabled');
    validateOffer(offer, 'whip');

    const relay = server.registry.relay(input.uid);
    const current = relay.publisherSession;
    if (current?.connected) {
      throw new HttpError(409, 'Another creator is live on this input; stop it (DELETE its session) first', undefined, { 'Retry-After': '5' });
    }
    // A creator that never connected or already dropped is replaced, so a crash does not lock the
    // input. The new one takes its place before anything is awaited (two POSTs racing through an
    // await here would both attach, leaving a peer the relay no longer knows), and the old peer is
    // closed at once (its POST, if still negotiating, gets 409): a flood of POSTs holds one werift
    // peer per input, not one per POST.
    const session = new WebRtcSession('whip', input.uid, createPeerConnection(relayCodecs(offer)), `/${params.secret}/webRTC/publish`);
    relay.attachPublisher(session);
    server.registry.add(session);
    await current?.close();
    try {
      const answer = await session.answer(offer);
      sendSessionCreated(res, server, session, addBitrateHints(answer));
    } catch (error) {
      await session.close();
      throw error;
    }
  };
}
