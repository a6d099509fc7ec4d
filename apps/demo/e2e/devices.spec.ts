import { chromium, expect, test, type Page } from '@playwright/test';
import { threeCameraLaunchOptions } from '../../../scripts/chromium';
import { frameOf, looksGreen, type Frame } from '../../../tests/support/videoFrames';
import { checkPage } from './support/layout';
import { expectPlaying, expectStillReceiving, MEDIA_DEADLINE_MS, playerVideoOf, serverSessionIds, trackPeerConnections } from './support/media';
import { createLiveInput, goLive, previewOf } from './support/studio';

const looksBlack = ({ rgb }: Frame) => Math.max(...rgb) < 16;
const isWide = ({ width, height }: Frame) => Math.abs(width / height - 16 / 9) < 0.01;
// Chromium's fake cameras are 640×480.
const isCamera = ({ width, height }: Frame) => width * 3 === height * 4;

/** Polls the viewer's decoded picture until it matches; a failure shows the last frame seen. */
async function expectViewerSees(viewer: Page, what: string, matches: (frame: Frame) => boolean): Promise<void> {
  await expect
    .poll(
      async () => {
        const frame = await playerVideoOf(viewer).evaluate(frameOf);
        return frame.width > 0 && matches(frame) ? 'as expected' : frame;
      },
      { message: `the viewer decodes ${what}`, timeout: MEDIA_DEADLINE_MS },
    )
    .toBe('as expected');
}

/** The device label of the track the studio's peer connection sends, per kind: what viewers get. */
const publishedLabel = (studio: Page, kind: 'audio' | 'video') =>
  studio.evaluate(
    (kind) =>
      (window.__e2ePeerConnections ?? [])
        .filter((pc) => pc.connectionState === 'connected')
        .flatMap((pc) => pc.getSenders())
        .find((sender) => sender.track?.kind === kind)?.track?.label,
    kind,
  );

test('while live: switching camera and microphone, muting, and sharing the screen reach the viewer, all in one WHIP session', async ({
  context,
  request,
  baseURL,
}) => {
  // The creator's own browser, with several cameras and microphones to choose from and a screen to share.
  const creatorBrowser = await chromium.launch(threeCameraLaunchOptions);
  try {
    const creator = await creatorBrowser.newContext({ baseURL, permissions: ['camera', 'microphone'] });
    await trackPeerConnections(creator);
    await trackPeerConnections(context);
    const { studio, uid } = await createLiveInput(creator, 'e2e devices');
    const camera = studio.getByRole('combobox', { name: 'Camera' });
    const microphone = studio.getByRole('combobox', { name: 'Microphone' });
    await expect(camera.locator('option')).toHaveText(['fake_device_0', 'fake_device_1', 'fake_device_2']);
    await expect(previewOf(studio)).toHaveAttribute('data-state', 'on', { timeout: MEDIA_DEADLINE_MS });
    await goLive(studio);

    const viewer = await context.newPage();
    await viewer.goto(`/watch/${uid}`);
    await expectPlaying(viewer);
    await expectViewerSees(viewer, 'the camera', (frame) => looksGreen(frame) && isCamera(frame));
    expect(await publishedLabel(studio, 'video')).toBe('fake_device_0');
    const { whip: sessions } = await serverSessionIds(request, uid);
    expect(sessions).toHaveLength(1);

    // Another camera and another microphone, picked while live: what is sent changes, and keeps reaching the viewer.
    await camera.selectOption({ label: 'fake_device_2' });
    await expect.poll(() => publishedLabel(studio, 'video'), { message: 'the other camera is sent' }).toBe('fake_device_2');
    await microphone.selectOption({ label: 'Fake Audio Input 1' });
    await expect.poll(() => publishedLabel(studio, 'audio'), { message: 'the other microphone is sent' }).toBe('Fake Audio Input 1');
    await expectStillReceiving(viewer, 'from the other camera and microphone');
    await expectViewerSees(viewer, 'the other camera', (frame) => looksGreen(frame) && isCamera(frame));

    await studio.getByRole('button', { name: 'Turn camera off' }).click();
    await expectViewerSees(viewer, 'black while the camera is off', looksBlack);
    await studio.getByRole('button', { name: 'Turn camera on' }).click();
    await expectViewerSees(viewer, 'the camera again', looksGreen);

    await studio.getByRole('button', { name: 'Share screen' }).click();
    await expect(previewOf(studio)).toHaveAttribute('data-source', 'screen');
    await expectViewerSees(viewer, 'the shared screen (16:9)', isWide);
    await checkPage(studio, 'studio-sharing');
    await studio.getByRole('button', { name: 'Stop sharing' }).click();
    await expectViewerSees(viewer, 'the camera after sharing', (frame) => looksGreen(frame) && isCamera(frame));
    expect(await publishedLabel(studio, 'video')).toBe('fake_device_2');
    await expectStillReceiving(viewer, 'after sharing');

    await expect(studio.getByTestId('go-live')).toHaveAttribute('data-state', 'live');
    expect((await serverSessionIds(request, uid)).whip, 'the same WHIP session throughout: every change was a replaceTrack').toEqual(sessions);
  } finally {
    await creatorBrowser.close();
  }
});
