import { fileURLToPath } from 'node:url';

export interface BenchClient {
  /** Row label in the table. */
  name: string;
  /** Page entry (adapter + harness), bundled per run of the bench. */
  page: string;
  /** Module source whose min+gzip size is reported: what an app ships to publish and play. */
  sizeEntry: string;
  /** Ours: the row the targets apply to. */
  ours?: boolean;
}

const page = (file: string) => fileURLToPath(new URL(`./pages/${file}`, import.meta.url));

export const clients: BenchClient[] = [
  {
    name: '@onair/core',
    page: page('ours.ts'),
    sizeEntry: "export { WhipSession, WhepSession } from '@onair/core';",
    ours: true,
  },
  {
    name: 'whip-whep (medooze)',
    page: page('whip-whep.ts'),
    sizeEntry: "export { WHIPClient } from 'whip-whep/whip.js'; export { WHEPClient } from 'whip-whep/whep.js';",
  },
  {
    name: '@eyevinn whip-web-client + webrtc-player',
    page: page('eyevinn.ts'),
    sizeEntry:
      "export { WHIPClient } from '@eyevinn/whip-web-client'; export { WebRTCPlayer } from '@eyevinn/webrtc-player';",
  },
];

/** Sizes without a timed page: what a React app ships on top of React itself. */
export const sizeOnly: { name: string; sizeEntry: string; external: string[] }[] = [
  {
    name: '@onair/react GoLiveButton + LivePlayer (with @onair/core, without React)',
    sizeEntry: "export { GoLiveButton, LivePlayer } from '@onair/react';",
    external: ['react', 'react-dom', 'react/jsx-runtime'],
  },
];

/** The library-free WHIP publisher that every viewer run watches. */
export const referencePublisherPage = page('reference.ts');

/** Wraps RTCPeerConnection in every page to timestamp 'connected' the same way for all clients. */
export const recorderScript = page('recorder.ts');
