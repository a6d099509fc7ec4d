import { expect, it } from 'vitest';
import * as core from './index';

it('exports the public API', () => {
  expect(Object.keys(core).sort()).toEqual(
    [
      'CLOUDFLARE_CODECS',
      'LiveInputsClient',
      'OnairError',
      'Subscribable',
      'WhepSession',
      'WhipSession',
      'createStatsReader',
      'getDisplayMedia',
      'getUserMedia',
      'mediaCaptureError',
      'normalizeStats',
    ].sort(),
  );
});

it('is SSR-safe: imports and constructs sessions with no window, document or WebRTC', async () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
  expect(typeof (globalThis as { document?: unknown }).document).toBe('undefined');
  const whep = new core.WhepSession({ url: 'https://example.com/play' });
  expect(whep.getSnapshot()).toEqual({ status: 'idle', error: null, sessionUrl: null, stream: null, links: [], viewerCount: null, streamEnded: false });
  expect(new core.WhipSession({ url: 'https://example.com/publish' }).getSnapshot().status).toBe('idle');
  // Without WebRTC, start fails with a typed error instead of a ReferenceError.
  await expect(whep.start()).rejects.toMatchObject({ kind: 'unsupported' });
  expect(whep.getSnapshot().status).toBe('failed');
  await whep.stop();
  expect(whep.getSnapshot().status).toBe('ended');
});
