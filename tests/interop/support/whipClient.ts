import { startProcess, type ManagedProcess } from './managedProcess';
import { whipClientRunSh } from './peers';

/** Debian's `whip-client` (GStreamer webrtcbin) publishing a VP8 test pattern and Opus noise. */
export interface WhipClient {
  /** The session URL it got from the server's Location header. */
  readonly resourceUrl: string;
  output(): string;
  /** Ctrl-C, which makes it DELETE its session, then SIGKILL if it hangs. */
  stop(): Promise<void>;
}

export interface WhipClientOptions {
  url: string;
  /** true: trickle candidates by PATCH (its default); false: `-n`, every candidate in the offer. */
  trickle: boolean;
}

const CONNECT_MS = 20_000;
// Small frames keep the encoder light on a shared 2-core machine; a keyframe every second lets a viewer
// that misses the first one start soon even without PLI.
const VIDEO_PIPELINE =
  'videotestsrc is-live=true pattern=ball ! video/x-raw,width=320,height=240,framerate=30/1 ! videoconvert ! ' +
  'vp8enc deadline=1 keyframe-max-dist=30 ! rtpvp8pay pt=96 ssrc=2 ! queue ! application/x-rtp,media=video,encoding-name=VP8,payload=96';
const AUDIO_PIPELINE =
  'audiotestsrc is-live=true wave=red-noise ! audioconvert ! audioresample ! queue ! opusenc ! rtpopuspay pt=111 ssrc=1 ! queue ! ' +
  'application/x-rtp,media=audio,encoding-name=OPUS,payload=111';

/**
 * Starts whip-client and resolves once its PeerConnection is connected. whip-client crashes at start now
 * and then (~1 run in 15 here): a first attempt that dies or never connects is cleaned up (its session
 * DELETEd, since a server may keep the endpoint busy) and retried once, with a warning in the log.
 */
export async function startWhipClient(options: WhipClientOptions): Promise<WhipClient> {
  try {
    return await attempt(options);
  } catch (error) {
    // Its GLib-CRITICAL noise says nothing about the failure: show the last lines that might.
    const lines = (error as Error).message.split('\n').filter((line) => line.trim() && !line.includes('GLib-CRITICAL'));
    console.warn(`[interop] whip-client failed to start, restarting it once: ${lines.slice(0, 1).concat(lines.slice(-6)).join('\n')}`);
    return attempt(options);
  }
}

async function attempt({ url, trickle }: WhipClientOptions): Promise<WhipClient> {
  const args = ['-u', url, '-V', VIDEO_PIPELINE, '-A', AUDIO_PIPELINE, ...(trickle ? [] : ['-n'])];
  const client = startProcess('whip-client', 'bash', [whipClientRunSh, ...args]);
  const stop = () => client.stop('SIGINT');
  try {
    await client.waitFor(/PeerConnection connected/, CONNECT_MS);
  } catch (error) {
    await stop();
    await deleteSession(client);
    throw error;
  }
  const resourceUrl = resourceUrlOf(client);
  if (!resourceUrl) {
    await stop();
    throw new Error(`whip-client connected without printing its resource URL:\n${client.output().slice(-2_000)}`);
  }
  return { resourceUrl, output: client.output, stop };
}

function resourceUrlOf(client: ManagedProcess): string | null {
  return client.output().match(/Resource URL: (\S+)/)?.[1] ?? null;
}

// What whip-client's own Ctrl-C handler does; needed when it died without doing it.
async function deleteSession(client: ManagedProcess) {
  const resourceUrl = resourceUrlOf(client);
  if (!resourceUrl) return;
  try {
    await fetch(resourceUrl, { method: 'DELETE' });
  } catch {
    // Nothing listens there any more: nothing to release.
  }
}
