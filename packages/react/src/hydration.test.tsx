import { StrictMode } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { act } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WhepStatus, WhipStatus } from '@onair/core';
import { GoLiveButton } from './GoLiveButton';
import { LivePlayer } from './LivePlayer';
import { SimulatedSession } from './simulatedSession';

afterEach(() => {
  document.body.innerHTML = '';
  vi.restoreAllMocks();
});

// Next's path: server HTML first (idle), then hydration, then the session's real state.
describe('hydration', () => {
  it('hydrates the server markup without a mismatch, then shows the live session', async () => {
    const whip = new SimulatedSession<WhipStatus>({ initial: { status: 'live' } });
    const whep = new SimulatedSession<WhepStatus>({ onStart: [{ status: 'waiting' }] });
    const app = (
      <StrictMode>
        <GoLiveButton session={whip} />
        <LivePlayer session={whep} />
      </StrictMode>
    );
    const container = document.createElement('div');
    container.innerHTML = renderToString(app);
    document.body.append(container);
    expect(container.querySelector('button')?.dataset.state).toBe('idle');

    const consoleError = vi.spyOn(console, 'error');
    const root = await act(async () => hydrateRoot(container, app));
    expect(consoleError).not.toHaveBeenCalled();
    expect(container.querySelector('button')?.dataset.state).toBe('live');
    expect(container.querySelector<HTMLElement>('[data-onair="live-player"]')?.dataset.state).toBe('waiting');
    expect(whep.starts).toBe(1);
    act(() => root.unmount());
  });
});
