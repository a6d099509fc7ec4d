import { afterEach, expect, test } from 'vitest';
import { commands, userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { createLiveInput, DEADLINE_MS, frameOf, looksGreen, looksGrey, POLL_MS, serverUrl } from '../test/browserSupport';
import { DeviceSelector } from './DeviceSelector';
import { GoLiveButton } from './GoLiveButton';
import { LivePlayer } from './LivePlayer';
import { LocalPreview } from './LocalPreview';
import { MediaDeviceList } from './mediaDeviceList';
import { useWhip } from './useWhip';

// A creator's studio and a viewer in real Chromium with two fake cameras (fake_device_0 draws on
// green, fake_device_1 is grey) through the real server: what the viewer decodes shows which camera
// or screen is published.
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  localStorage.clear();
});

function Studio({ url, devices }: { url: string; devices: MediaDeviceList }) {
  const whip = useWhip({ url, preview: true, devices });
  return (
    <>
      <LocalPreview publisher={whip} />
      <DeviceSelector kind="videoinput" publisher={whip} list={devices} />
      <GoLiveButton publisher={whip} />
      <button type="button" onClick={() => void (whip.screenSharing ? whip.stopSharing() : whip.shareScreen())}>
        {whip.screenSharing ? 'Stop sharing' : 'Share screen'}
      </button>
    </>
  );
}

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
const decoded = (viewer: HTMLVideoElement, test: (frame: ReturnType<typeof frameOf>) => boolean) =>
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
  const { screen, viewer, proxy, input } = await studioAndViewer();
  await decoded(viewer, looksGreen);

  const select = screen.getByRole('combobox', { name: 'Camera' });
  await expect.poll(() => (select.element() as HTMLSelectElement).options.length, { timeout: DEADLINE_MS }).toBe(2);
  await userEvent.selectOptions(select, 'fake_device_1');
  await decoded(viewer, looksGrey);
  await expect.element(screen.getByRole('button', { name: 'End stream' })).toHaveAttribute('data-state', 'live');

  // replaceTrack: one WHIP POST for the whole test, and no PATCH carrying a new offer.
  const requests = await commands.forwardedRequests(proxy);
  expect(requests.filter((r) => r.method === 'POST' && r.path === new URL(input.whipUrl).pathname)).toHaveLength(1);
  expect(requests.filter((r) => r.method === 'PATCH' && r.status !== 204)).toEqual([]);
});

test('the chosen camera is remembered: after a reload (a fresh device list over the same storage) it is the one published', async () => {
  localStorage.setItem('onair:devices', JSON.stringify({}));
  {
    const devices = new MediaDeviceList();
    const screen = await render(<DeviceSelector kind="videoinput" list={devices} />);
    // Access may be granted already (by an earlier test in this page); otherwise ask.
    const allow = screen.getByRole('button', { name: 'Allow camera and microphone' }).query();
    (allow as HTMLElement | null)?.click();
    await expect.poll(() => screen.getByRole('option').elements().length, { timeout: DEADLINE_MS }).toBe(2);
    await userEvent.selectOptions(screen.getByRole('combobox'), 'fake_device_1');
    await screen.unmount();
  }
  expect(JSON.parse(localStorage.getItem('onair:devices')!)).toHaveProperty('videoinput');

  // The next visit: nothing chosen in this page yet, only what storage remembers. The camera opened
  // (and published) is the grey one, as its own preview decodes it.
  const { preview } = await studioAndViewer(new MediaDeviceList());
  expect((preview().srcObject as MediaStream).getVideoTracks()[0]!.label).toBe('fake_device_1');
  await decoded(preview(), looksGrey);
});

test('sharing the screen while live, then the browser ending it ("Stop sharing"): the viewer sees the screen, then the camera again', async () => {
  const { screen, viewer, preview } = await studioAndViewer();
  await decoded(viewer, (frame) => looksGreen(frame) && frame.width * 3 === frame.height * 4);

  (screen.getByRole('button', { name: 'Share screen' }).element() as HTMLElement).click();
  // The fake screen is 16:9 (the camera 4:3).
  await decoded(viewer, (frame) => Math.abs(frame.width / frame.height - 16 / 9) < 0.01);
  await expect.element(document.querySelector<HTMLElement>('[data-onair="local-preview"]')!).toHaveAttribute('data-source', 'screen');

  // What the browser's own "Stop sharing" does: the capture ends and the track fires `ended`
  // (a page's own track.stop() fires nothing, so the test fires it as the browser would).
  const screenTrack = (preview().srcObject as MediaStream).getVideoTracks()[0]!;
  screenTrack.stop();
  screenTrack.dispatchEvent(new Event('ended'));
  await decoded(viewer, (frame) => looksGreen(frame) && frame.width * 3 === frame.height * 4);
  await expect.element(screen.getByRole('button', { name: 'Share screen' })).toBeVisible();
  await expect.element(screen.getByRole('button', { name: 'End stream' })).toHaveAttribute('data-state', 'live');
});
