import { StrictMode } from 'react';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OnairError, type WhipStatus } from '@onair/core';
import { GoLiveButton } from './GoLiveButton';
import { SimulatedSession } from './simulatedSession';

const fakeStream = () => {
  const track = { stop: vi.fn() };
  return { stream: { getTracks: () => [track] } as unknown as MediaStream, track };
};
const goesLive = () =>
  new SimulatedSession<WhipStatus>({ onStart: [{ status: 'connecting' }, { status: 'live' }], stepMs: 1 });
const settle = (ms = 10) => act(() => new Promise((resolve) => setTimeout(resolve, ms)));

afterEach(cleanup);

describe('GoLiveButton', () => {
  it('goes live on click and ends on the next click, with aria-pressed following', async () => {
    const session = goesLive();
    const { stream } = fakeStream();
    const view = render(<GoLiveButton session={session} stream={stream} />);
    const button = view.getByRole('button');
    expect(button.dataset.state).toBe('idle');
    expect(button.getAttribute('aria-pressed')).toBe('false');

    fireEvent.click(button);
    expect(button.dataset.state).toBe('connecting');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await settle();
    expect(button.dataset.state).toBe('live');
    expect(button.getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(button);
    await settle();
    expect(button.dataset.state).toBe('ended');
    expect(session.starts).toBe(1);
    expect(session.stops).toBe(1);
  });

  it('keeps one session through StrictMode and double clicks, and stops it on unmount', async () => {
    const session = goesLive();
    const { stream } = fakeStream();
    const view = render(
      <StrictMode>
        <GoLiveButton session={session} stream={stream} />
      </StrictMode>,
    );
    const button = view.getByRole('button');
    fireEvent.click(button);
    fireEvent.click(button);
    await settle();
    expect(session.starts).toBe(1);
    expect(session.stops).toBe(0);
    view.unmount();
    await settle();
    expect(session.stops).toBe(1);
  });

  it("lets the user's onClick prevent the toggle", async () => {
    const session = goesLive();
    const view = render(<GoLiveButton session={session} onClick={(event) => event.preventDefault()} />);
    fireEvent.click(view.getByRole('button'));
    await settle();
    expect(session.starts).toBe(0);
  });

  it('takes the camera when given no stream, and releases it when the broadcast stops', async () => {
    const session = goesLive();
    const { stream, track } = fakeStream();
    const view = render(<GoLiveButton session={session} getStream={() => Promise.resolve(stream)} />);
    fireEvent.click(view.getByRole('button'));
    await settle();
    expect(view.getByRole('button').dataset.state).toBe('live');
    expect(track.stop).not.toHaveBeenCalled();
    fireEvent.click(view.getByRole('button'));
    await settle();
    expect(track.stop).toHaveBeenCalled();
  });

  it('shows a denied camera as failed with the error kind', async () => {
    const session = goesLive();
    const denied = new OnairError('permission-denied', 'Camera access was denied');
    const view = render(<GoLiveButton session={session} getStream={() => Promise.reject(denied)} />);
    fireEvent.click(view.getByRole('button'));
    await settle();
    const button = view.getByRole('button');
    expect(button.dataset.state).toBe('failed');
    expect(button.dataset.error).toBe('permission-denied');
    expect(session.starts).toBe(0);
  });

  it('is controlled by `live`, reporting wanted changes through onLiveChange', async () => {
    const session = goesLive();
    const { stream } = fakeStream();
    const onLiveChange = vi.fn();
    const view = render(<GoLiveButton session={session} stream={stream} live={false} onLiveChange={onLiveChange} />);
    fireEvent.click(view.getByRole('button'));
    await settle();
    expect(onLiveChange).toHaveBeenCalledWith(true);
    expect(session.starts).toBe(0);

    view.rerender(<GoLiveButton session={session} stream={stream} live onLiveChange={onLiveChange} />);
    await settle();
    expect(view.getByRole('button').dataset.state).toBe('live');
    act(() => session.set({ status: 'failed', error: new OnairError('network', 'Lost the server') }));
    expect(onLiveChange).toHaveBeenLastCalledWith(false);
  });
});
