import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WhepStatus } from '@onair/core';
import { LivePlayer } from './LivePlayer';
import { SimulatedSession } from './simulatedSession';

// A remote track as a WHEP player receives it: `muted` until its first packets arrive.
function remoteTrack(kind: 'audio' | 'video', muted: boolean) {
  const track = Object.assign(new EventTarget(), { kind, muted, readyState: 'live', enabled: true, id: kind });
  return track as unknown as MediaStreamTrack & { muted: boolean };
}
function remoteStream(tracks: MediaStreamTrack[]): MediaStream {
  return Object.assign(new MediaStream(), {
    getTracks: () => tracks,
    getAudioTracks: () => tracks.filter((t) => t.kind === 'audio'),
    getVideoTracks: () => tracks.filter((t) => t.kind === 'video'),
  });
}

function playing(stream: MediaStream) {
  const session = new SimulatedSession<WhepStatus>({ initial: { status: 'playing', stream } });
  return render(<LivePlayer session={session} autoPlay={false} />);
}
const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('LivePlayer audio-only view', () => {
  it('is not shown while the picture is still on its way (sound starts first)', async () => {
    const video = remoteTrack('video', true);
    const view = playing(remoteStream([remoteTrack('audio', false), video]));
    await advance(900);
    expect(view.queryByText('Audio only')).toBeNull();
    act(() => {
      video.muted = false;
      video.dispatchEvent(new Event('unmute'));
    });
    await advance(5_000);
    expect(view.queryByText('Audio only')).toBeNull();
  });

  it('is shown once a video track has stayed without a picture for a second', async () => {
    const view = playing(remoteStream([remoteTrack('audio', false), remoteTrack('video', true)]));
    await advance(1_000);
    expect(view.getByText('Audio only')).toBeTruthy();
  });

  it('is shown at once for a stream without a video track', async () => {
    const view = playing(remoteStream([remoteTrack('audio', false)]));
    await advance(0);
    expect(view.getByText('Audio only')).toBeTruthy();
  });
});
