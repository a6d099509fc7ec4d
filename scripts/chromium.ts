// One place for how every test launches Debian's Chromium (never a downloaded browser).
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Fake camera + microphone, auto-granted: real media without a device or a prompt. */
export const fakeMediaArgs = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  // Background tabs must keep decoding: a test drives two pages at once.
  '--disable-background-timer-throttling',
  '--disable-renderer-backgrounding',
  '--disable-backgrounding-occluded-windows',
  '--autoplay-policy=no-user-gesture-required',
];

export const launchOptions = {
  executablePath: chromiumPath,
  args: [...chromiumArgs, ...fakeMediaArgs],
};
