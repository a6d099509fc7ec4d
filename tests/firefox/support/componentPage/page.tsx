// The browser side of the Firefox component tests: @onair/react's prefabs as an app renders them
// (StrictMode, the theme), `?whip=URL` for a GoLiveButton, `?whep=URL` for a LivePlayer that asks
// for sound (`&muted=0`). The test drives them with real clicks and reads the page through
// `window.onairComponents`.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { GoLiveButton, LivePlayer, OnairProvider } from '@onair/react';
import '@onair/react/theme.css';

/** What the page reports to the test. */
export interface ComponentPage {
  /** Firefox's answer for media elements: 'allowed-muted' under its default policy (sound needs a gesture). */
  autoplayPolicy(): string;
  /** Whether the page ever had a user gesture. */
  hasBeenActive(): boolean;
  /**
   * The player's <video>: its sound state, the frames its peer connection decoded (getStats: Firefox's
   * getVideoPlaybackQuality() counts none for a MediaStream) and the frames it presented.
   */
  video(): Promise<{ muted: boolean; paused: boolean; width: number; framesDecoded: number; framesPresented: number }>;
  /** Audio samples the player's peer connection decoded. */
  audioSamplesDecoded(): Promise<number>;
  /**
   * The RMS of what the <video> element plays, through an AnalyserNode on its output (after a click:
   * an AudioContext needs a gesture too). Muted, the element outputs silence, so this reads 0.
   */
  soundLevel(): { level: number; context: AudioContextState };
}

declare global {
  interface Navigator {
    /** Firefox ≥ 112 (Autoplay Policy Detection). */
    getAutoplayPolicy?(type: 'mediaelement'): string;
  }
  interface Window {
    onairComponents?: ComponentPage;
  }
}

// The sessions' peer connections, handed to them through the provider, for getStats.
const peers: RTCPeerConnection[] = [];
class RecordedPeerConnection extends RTCPeerConnection {
  constructor(configuration?: RTCConfiguration) {
    super(configuration);
    peers.push(this);
  }
}

const params = new URLSearchParams(location.search);
const whip = params.get('whip');
const whep = params.get('whep');

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <OnairProvider RTCPeerConnection={RecordedPeerConnection}>
      {whip && <GoLiveButton url={whip} />}
      {whep && <LivePlayer url={whep} muted={params.get('muted') !== '0'} />}
    </OnairProvider>
  </StrictMode>,
);

const video = () => document.querySelector('video');

let framesPresented = 0;
// The player's <video> renders once; count what it presents from then on.
const watchFrames = () => {
  const element = video();
  if (!element) return void requestAnimationFrame(watchFrames);
  const count = () => {
    framesPresented++;
    element.requestVideoFrameCallback(count);
  };
  element.requestVideoFrameCallback(count);
};
watchFrames();

let analyser: AnalyserNode | null = null;

/** The inbound-rtp stats of `kind` in the page's open peer connections (the player's current one). */
async function inbound(kind: 'audio' | 'video'): Promise<RTCInboundRtpStreamStats[]> {
  const open = peers.filter((peer) => peer.signalingState !== 'closed');
  const reports = await Promise.all(open.map((peer) => peer.getStats()));
  return reports.flatMap((report) => [...report.values()].filter((stat) => stat.type === 'inbound-rtp' && stat.kind === kind));
}

window.onairComponents = {
  autoplayPolicy: () => navigator.getAutoplayPolicy?.('mediaelement') ?? 'unsupported',
  hasBeenActive: () => navigator.userActivation.hasBeenActive,
  async video() {
    const element = video();
    const framesDecoded = (await inbound('video')).reduce((sum, stat) => sum + (stat.framesDecoded ?? 0), 0);
    return { muted: element?.muted ?? true, paused: element?.paused ?? true, width: element?.videoWidth ?? 0, framesDecoded, framesPresented };
  },
  audioSamplesDecoded: async () => (await inbound('audio')).reduce((sum, stat) => sum + (stat.totalSamplesReceived ?? 0), 0),
  soundLevel() {
    if (!analyser) {
      const context = new AudioContext();
      analyser = context.createAnalyser();
      context.createMediaElementSource(video()!).connect(analyser).connect(context.destination);
    }
    const samples = new Float32Array(analyser.fftSize);
    analyser.getFloatTimeDomainData(samples);
    const level = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
    return { level, context: analyser.context.state };
  },
};
