import { StrictMode } from 'react';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { WhepStatus } from '@onair/core';
import { SimulatedSession } from './simulatedSession';
import { useStats } from './useStats';
import { useWhep, type UseWhepOptions } from './useWhep';

function Player(props: UseWhepOptions) {
  const { status, videoRef } = useWhep(props);
  return <video data-testid="video" data-state={status} ref={videoRef} />;
}

const settle = () => act(() => new Promise((resolve) => setTimeout(resolve, 0)));

afterEach(cleanup);

describe('useWhep', () => {
  it('starts one session under StrictMode and stops it once on unmount', async () => {
    const session = new SimulatedSession<WhepStatus>({ onStart: [{ status: 'connecting' }, { status: 'playing' }], stepMs: 1 });
    const view = render(
      <StrictMode>
        <Player session={session} />
      </StrictMode>,
    );
    await settle();
    expect(session.starts).toBe(1);
    expect(session.stops).toBe(0);

    view.unmount();
    await settle();
    expect(session.stops).toBe(1);
  });

  it('renders the session status and follows its transitions', async () => {
    const session = new SimulatedSession<WhepStatus>({ onStart: [{ status: 'waiting' }] });
    const view = render(<Player session={session} />);
    await settle();
    expect(view.getByTestId('video').dataset.state).toBe('waiting');
    act(() => session.set({ status: 'playing' }));
    expect(view.getByTestId('video').dataset.state).toBe('playing');
  });

  it('does not start without autoPlay, and start() is idempotent', async () => {
    const session = new SimulatedSession<WhepStatus>({ onStart: [{ status: 'connecting' }, { status: 'playing' }], stepMs: 1 });
    function Manual() {
      const { start, status } = useWhep({ session, autoPlay: false });
      return (
        <button data-state={status} onClick={() => void Promise.all([start(), start()])}>
          play
        </button>
      );
    }
    const view = render(<Manual />);
    await settle();
    expect(session.starts).toBe(0);
    fireEvent.click(view.getByRole('button'));
    await settle();
    expect(session.starts).toBe(1);
  });

  it('attaches the stream to the video element', async () => {
    // happy-dom's MediaStream has no tracks API: a stand-in with none.
    const stream = Object.assign(new MediaStream(), { getTracks: () => [], getAudioTracks: () => [], getVideoTracks: () => [] }) as unknown as MediaStream;
    const session = new SimulatedSession<WhepStatus>({ onStart: [{ status: 'playing', stream }] });
    const view = render(<Player session={session} />);
    await settle();
    expect((view.getByTestId('video') as HTMLVideoElement).srcObject).toBe(stream);
  });

  it('reports each status transition once', async () => {
    const session = new SimulatedSession<WhepStatus>({ onStart: [{ status: 'connecting' }, { status: 'playing' }], stepMs: 1 });
    const seen: WhepStatus[] = [];
    render(<Player session={session} onStatusChange={(status) => seen.push(status)} />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(seen).toEqual(['connecting', 'playing']);
  });

  it('useStats on a player reads latencyMs from the session’s receivers (abs-capture-time)', async () => {
    const session = new SimulatedSession<WhepStatus>({ onStart: [{ status: 'playing' }], stats: { fps: 30 } });
    // A receiver as Chromium reports it: capture time (NTP ms) 120 ms before playout.
    const source = { source: 1, rtpTimestamp: 0, timestamp: 1_800_000_000_120, captureTimestamp: 1_800_000_000_000 + 2_208_988_800_000 };
    const receiver = { track: { kind: 'video' }, getSynchronizationSources: () => [source] } as unknown as RTCRtpReceiver;
    Object.assign(session, { getReceivers: () => [receiver] });
    function Latency() {
      const stats = useStats(useWhep({ session }), { intervalMs: 5 });
      return <output>{stats?.latencyMs ?? 'none'}</output>;
    }
    const view = render(<Latency />);
    await act(() => new Promise((resolve) => setTimeout(resolve, 30)));
    expect(view.getByRole('status').textContent).toBe('120');
  });
});
