import { expect, test } from '@playwright/test';
import { expectPlaying, framesEncoded, trackPeerConnections } from './support/media';
import { createLiveInput, goLive } from './support/studio';

// Several seconds of video at 30 fps: well past the first keyframe, so the viewer needs a fresh one.
const FRAMES_BEFORE_JOINING = 150;

test('a viewer who joins a stream that has been live for a while gets the picture by itself', async ({ context }) => {
  await trackPeerConnections(context);
  const { studio, uid } = await createLiveInput(context, 'e2e late viewer');
  await goLive(studio);
  await expect.poll(() => framesEncoded(studio), { message: 'the creator has been sending video for a while', timeout: 60_000 }).toBeGreaterThan(FRAMES_BEFORE_JOINING);

  const viewer = await context.newPage();
  const joined = Date.now();
  await viewer.goto(`/watch/${uid}`);
  const received = await expectPlaying(viewer);
  test.info().annotations.push({
    type: 'media',
    description: `late viewer: playing ${Date.now() - joined} ms after opening the page (${received.videoFramesDecoded} frames decoded)`,
  });
});
