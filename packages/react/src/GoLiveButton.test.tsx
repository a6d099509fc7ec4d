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
  it('goes live on click and ends on the next click; the label carries the state (no aria-pressed)', async () => {
    const session = goesLive();
    const { stream } = fakeStream();
    const view = render(<GoLiveButton session={session} stream={stream} />);
    const button = view.getByRole('button', { name: 'Go live' });
    expect(button.dataset.state).toBe('idle');
    expect(button.hasAttribute('aria-pressed')).toBe(false);

    fireEvent.click(button);
    expect(button.dataset.state).toBe('connecting');
    // The Cancel button now: enabled (focus stays), neither aria-disabled nor aria-busy, and a click cancels.
    expect((button as HTMLButtonElement).disabled).toBe(false);
    expect(button.hasAttribute('aria-disabled')).toBe(false);
    expect(button.hasAttribute('aria-busy')).toBe(false);
    expect(button.textContent).toBe('Cancel');
    await settle();
    expect(button.dataset.state).toBe('live');
    expect(button.textContent).toBe('End stream');
    expect(button.hasAttribute('aria-pressed')).toBe(false);

    fireEvent.click(button);
    await settle();
    expect(button.dataset.state).toBe('ended');
    expect(session.starts).toBe(1);
    expect(session.stops).toBe(1);
  });

  it('keeps one session through StrictMode and a double click (its second click does not cancel), and stops it on unmount', async () => {
    const session = goesLive();
    const { stream } = fakeStream();
    const view = render(
      <StrictMode>
        <GoLiveButton session={session} stream={stream} />
      </StrictMode>,
    );
    const button = view.getByRole('button');
    fireEvent.click(button, { detail: 1 });
    fireEvent.click(button, { detail: 2 });
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

  it('cancels a hung connect with a click while connecting, keeping focus on the button', async () => {
    const session = new SimulatedSession<WhipStatus>({ onStart: [{ status: 'connecting' }], stepMs: 60_000 });
    const { stream } = fakeStream();
    const view = render(<GoLiveButton session={session} stream={stream} />);
    const button = view.getByRole('button');
    button.focus();
    fireEvent.click(button);
    await settle();
    expect(button.dataset.state).toBe('connecting');
    expect(document.activeElement).toBe(button);
    fireEvent.click(button);
    await settle();
    expect(button.dataset.state).toBe('ended');
    expect(session.stops).toBe(1);
    expect(document.activeElement).toBe(button);
  });

  it('when disabled, stays focusable with aria-disabled and ignores clicks', async () => {
    const session = goesLive();
    const view = render(<GoLiveButton session={session} disabled />);
    const button = view.getByRole('button');
    expect((button as HTMLButtonElement).disabled).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    fireEvent.click(button);
    await settle();
    expect(session.starts).toBe(0);
  });

  it('goes live on mount with defaultLive, once under StrictMode', async () => {
    const session = goesLive();
    const { stream } = fakeStream();
    render(
      <StrictMode>
        <GoLiveButton session={session} stream={stream} defaultLive />
      </StrictMode>,
    );
    await settle();
    expect(session.starts).toBe(1);
    expect(session.getSnapshot().status).toBe('live');
  });
});
