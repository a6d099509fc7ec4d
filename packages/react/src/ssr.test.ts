import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { DeviceSelector } from './DeviceSelector';
import { GoLiveButton } from './GoLiveButton';
import { LivePlayer } from './LivePlayer';

// Next renders client components on the server first (this file runs in node: no window, no
// WebRTC): nothing starts, the status is idle, and the markup is what the client will hydrate.
describe('server rendering', () => {
  it('renders GoLiveButton idle', () => {
    const html = renderToString(createElement(GoLiveButton, { url: 'https://example.invalid/whip' }));
    expect(html).toMatch(/^<button[^>]*data-state="idle"/);
    expect(html).not.toContain('aria-pressed');
    expect(html).toContain('>Go live</button>');
  });

  it('renders LivePlayer idle, muted, autoplaying and inline', () => {
    const html = renderToString(createElement(LivePlayer, { url: 'https://example.invalid/whep' }));
    expect(html).toMatch(/^<div role="region" aria-label="Live video" aria-busy="false" data-onair="live-player" data-state="idle"/);
    expect(html).toMatch(/<video[^>]*playsinline=""/i);
    expect(html).toMatch(/<video[^>]*muted=""/);
    expect(html).toMatch(/<video[^>]*autoplay=""/i);
    // The live region exists from the start (announcements need it before the text changes).
    expect(html).toContain('role="status"');
  });

  it('renders DeviceSelector loading (devices are listed in the browser)', () => {
    const html = renderToString(createElement(DeviceSelector, {}));
    expect(html).toMatch(/^<div data-onair="device-selector" data-kind="videoinput" data-state="loading"/);
    // A visible label names the select; no aria-label overrides it.
    expect(html).toMatch(/<label for="([^"]+)">Camera<\/label><select id="\1"/);
    expect(html).not.toContain('aria-label');
  });
});
