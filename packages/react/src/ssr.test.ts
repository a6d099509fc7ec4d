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
    expect(html).toContain('aria-pressed="false"');
    expect(html).toContain('>Go live</button>');
  });

  it('renders LivePlayer idle, muted, autoplaying and inline', () => {
    const html = renderToString(createElement(LivePlayer, { url: 'https://example.invalid/whep' }));
    expect(html).toMatch(/^<video[^>]*data-state="idle"/);
    expect(html).toMatch(/playsinline=""/i);
    expect(html).toContain('muted=""');
    expect(html).toMatch(/autoplay=""/i);
  });

  it('renders DeviceSelector loading (devices are listed in the browser)', () => {
    const html = renderToString(createElement(DeviceSelector, {}));
    expect(html).toMatch(/^<select[^>]*data-state="loading"/);
    expect(html).toContain('aria-label="Camera"');
  });
});
