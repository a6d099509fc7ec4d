import { afterEach, expect, test } from 'vitest';
import { commands, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { cameraColours, createLiveInput, DEADLINE_MS, filmedBy, frameOf, POLL_MS, serverUrl, type Frame } from '../test/browserSupport';
import { Studio, type StudioState } from '../test/Studio';
import { LivePlayer } from './LivePlayer';
import { MediaDeviceList } from './mediaDeviceList';

// A creator's studio and a viewer in real Chromium with fake cameras through the real server: what
// the viewer decodes shows which camera or screen is published. The cameras are fake_device_0 and
// fake_device_2 (two greens, told apart by their measured colours); fake_device_1 is a depth camera
// whose frames WebRTC never encodes (see the README's testing notes).
const CAMERAS = ['fake_device_0', 'fake_device_2'];
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  localStorage.clear();
});

async function studioAndViewer(devices = new MediaDeviceList()) {
  const proxy = await commands.startCountingProxy(serverUrl);
  cleanups.push(() => commands.stopCountingProxy(proxy));
  const input = await createLiveInput(proxy);
  cleanups.push(input.remove);
  const screen = await render(
    <>
      <Studio url={input.whipUrl} devices={devices} />
      <LivePlayer url={input.whepUrl} data-testid="viewer" />
    </>,
  );
  cleanups.push(() => screen.unmount());
  const viewer = screen.getByTestId('viewer').element().querySelector('video')!;
  const preview = () => document.querySelector<HTMLVideoElement>('[data-onair="local-preview"] video')!;
  await expect.poll(() => preview().srcObject, { timeout: DEADLINE_MS }).not.toBeNull();
  (screen.getByRole('button', { name: 'Go live' }).element() as HTMLElement).click();
  await expect.element(screen.getByTestId('viewer'), { timeout: DEADLINE_MS }).toHaveAttribute('data-state', 'playing');
  return { screen, viewer, preview, proxy, input };
}

// Polls until the viewer's frame passes `test`; a failure shows the last frame seen.
const decoded = (viewer: HTMLVideoElement, test: (frame: Frame) => boolean) =>
  expect
    .poll(
      () => {
        const frame = frameOf(viewer);
        return frame.width > 0 && test(frame) ? 'as expected' : frame;
      },
      { timeout: DEADLINE_MS, interval: POLL_MS },
    )
    .toBe('as expected');

test('switching the camera while live: the viewer decodes the other camera, with no new session and no renegotiation', async () => {
  const colours = await cameraColours(CAMERAS);
  const { screen, viewer, proxy, input } = await studioAndViewer();
  await decoded(viewer, filmedBy(colours, 'fake_device_0'));

  const select = screen.getByRole('combobox', { name: 'Camera' });
  await expect.poll(() => (select.element() as HTMLSelectElement).options.length, { timeout: DEADLINE_MS }).toBe(3);
  await userEvent.selectOptions(select, 'fake_device_2');
  await decoded(viewer, filmedBy(colours, 'fake_device_2'));
  await expect.element(screen.getByRole('button', { name: 'End stream' })).toHaveAttribute('data-state', 'live');

  // replaceTrack: one WHIP POST for the whole test, and no PATCH carrying a new offer.
  const requests = await commands.forwardedRequests(proxy);
  expect(requests.filter((r) => r.method === 'POST' && r.path === new URL(input.whipUrl).pathname)).toHaveLength(1);
  expect(requests.filter((r) => r.method === 'PATCH' && r.status !== 204)).toEqual([]);
});

test('the chosen camera is remembered across a real reload of the page: the reloaded studio opens it and the viewer decodes it', async () => {
  const colours = await cameraColours(CAMERAS);
  const input = await createLiveInput();
  cleanups.push(input.remove);
  // The studio is a page of its own (same origin, same storage as this one) that can really reload.
  const studio = await commands.openPage(`/packages/react/test/studioFixture.html?url=${encodeURIComponent(input.whipUrl)}`);
  cleanups.push(() => commands.closePage(studio));
  const state = () => commands.readPage(studio) as Promise<StudioState | null>;

  // First visit: nothing remembered, the default camera; the creator picks another one.
  await expect.poll(state, { timeout: DEADLINE_MS, interval: POLL_MS }).toEqual({ status: 'idle', camera: 'fake_device_0' });
  await commands.selectInPage(studio, 'Camera', 'fake_device_2');
  await expect.poll(state, { timeout: DEADLINE_MS, interval: POLL_MS }).toEqual({ status: 'idle', camera: 'fake_device_2' });

  // The next visit: a fresh document, only storage carries the choice. The studio opens that camera
  // and goes live with it; the viewer here decodes its frames.
  await commands.reloadPage(studio);
  await expect.poll(state, { timeout: DEADLINE_MS, interval: POLL_MS }).toEqual({ status: 'idle', camera: 'fake_device_2' });
  await commands.clickInPage(studio, 'Go live');
  await expect.poll(state, { timeout: DEADLINE_MS, interval: POLL_MS }).toEqual({ status: 'live', camera: 'fake_device_2' });
  const screen = await render(<LivePlayer url={input.whepUrl} data-testid="viewer" />);
  cleanups.push(() => screen.unmount());
  await decoded(screen.getByTestId('viewer').element().querySelector('video')!, filmedBy(colours, 'fake_device_2'));
});

test('sharing the screen while live, then the browser ending it ("Stop sharing"): the viewer sees the screen, then the camera again', async () => {
  const colours = await cameraColours(CAMERAS);
  const { screen, viewer, preview } = await studioAndViewer();
  await decoded(viewer, (frame) => filmedBy(colours, 'fake_device_0')(frame) && frame.width * 3 === frame.height * 4);

  (screen.getByRole('button', { name: 'Share screen' }).element() as HTMLElement).click();
  // The fake screen is 16:9 (the camera 4:3).
  await decoded(viewer, (frame) => Math.abs(frame.width / frame.height - 16 / 9) < 0.01);
  await expect.element(document.querySelector<HTMLElement>('[data-onair="local-preview"]')!).toHaveAttribute('data-source', 'screen');

  // What the browser's own "Stop sharing" does: the capture ends and the track fires `ended`
  // (a page's own track.stop() fires nothing, so the test fires it as the browser would).
  const screenTrack = (preview().srcObject as MediaStream).getVideoTracks()[0]!;
  screenTrack.stop();
  screenTrack.dispatchEvent(new Event('ended'));
  await decoded(viewer, (frame) => filmedBy(colours, 'fake_device_0')(frame) && frame.width * 3 === frame.height * 4);
  await expect.element(screen.getByRole('button', { name: 'Share screen' })).toBeVisible();
  await expect.element(screen.getByRole('button', { name: 'End stream' })).toHaveAttribute('data-state', 'live');
});
