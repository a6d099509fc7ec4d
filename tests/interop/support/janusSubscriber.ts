import type { Janus } from './janus';

/** A VideoRoom subscriber over the Janus HTTP API, attached to the publisher in the room. */
export interface JanusSubscription {
  /** Destroys the Janus session (and with it the subscriber's PeerConnection on Janus's side). */
  stop(): Promise<void>;
}

interface JanusReply {
  janus: string;
  data?: { id: number };
  error?: { reason: string };
  plugindata?: { data: { participants?: Array<{ id: number; publisher: boolean }>; error?: string } };
  jsep?: { type: string; sdp: string };
}

const EVENT_MS = 15_000;

/**
 * Subscribes to the room's publisher: Janus offers, `answerOffer` (a browser) answers, Janus starts
 * relaying. What the browser then decodes is what Janus got from the publisher.
 */
export async function subscribeInJanus(janus: Janus, answerOffer: (offerSdp: string) => Promise<string>): Promise<JanusSubscription> {
  const api = async (path: string, body: Record<string, unknown>): Promise<JanusReply> => {
    const response = await fetch(`${janus.apiUrl}${path}`, {
      method: 'POST',
      body: JSON.stringify({ ...body, transaction: Math.random().toString(36).slice(2) }),
    });
    const reply = (await response.json()) as JanusReply;
    if (reply.janus === 'error') throw new Error(`Janus ${JSON.stringify(body)}: ${reply.error?.reason}`);
    return reply;
  };
  const session = (await api('', { janus: 'create' })).data!.id;
  const stop = async () => {
    await api(`/${session}`, { janus: 'destroy' }).catch(() => undefined);
  };
  try {
    const handle = (await api(`/${session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' })).data!.id;
    const message = (body: Record<string, unknown>, jsep?: { type: string; sdp: string }) =>
      api(`/${session}/${handle}`, { janus: 'message', body, ...(jsep ? { jsep } : {}) });

    const listing = await message({ request: 'listparticipants', room: janus.room });
    const publisher = listing.plugindata?.data.participants?.find((p) => p.publisher);
    if (!publisher) throw new Error(`no publisher in VideoRoom ${janus.room}: ${JSON.stringify(listing.plugindata)}`);
    await message({ request: 'join', ptype: 'subscriber', room: janus.room, streams: [{ feed: publisher.id }] });
    const offer = await nextEvent(janus.apiUrl, session, (event) => event.jsep?.type === 'offer');
    const answer = await answerOffer(offer.jsep!.sdp);
    await message({ request: 'start' }, { type: 'answer', sdp: answer });
    return { stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

// Asynchronous plugin events (the subscriber's offer) arrive on the session's long poll.
async function nextEvent(apiUrl: string, session: number, wanted: (event: JanusReply) => boolean): Promise<JanusReply> {
  const deadline = Date.now() + EVENT_MS;
  while (Date.now() < deadline) {
    const response = await fetch(`${apiUrl}/${session}?maxev=10&rid=${Date.now()}`, { signal: AbortSignal.timeout(EVENT_MS) });
    const events = (await response.json()) as JanusReply[];
    const event = events.find(wanted);
    if (event) {
      if (event.plugindata?.data.error) throw new Error(`Janus VideoRoom: ${event.plugindata.data.error}`);
      return event;
    }
  }
  throw new Error(`no Janus event with an offer within ${EVENT_MS} ms`);
}
