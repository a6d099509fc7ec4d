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

/**
 * A creator's own Chromium for device tests: three fake cameras, three fake microphones, and a fake
 * screen that getDisplayMedia picks without a picker. fake_device_0 and fake_device_2 draw the same
 * green picture and encode at their frame rate; fake_device_1 is grey but a 16-bit depth format that
 * Chromium's encoder takes only a frame of now and then (0 frames encoded in 4.5 s, measured), so a
 * test that must keep video flowing switches between 0 and 2.
 */
export const threeCameraLaunchOptions = {
  executablePath: chromiumPath,
  args: [
    ...chromiumArgs,
    ...fakeMediaArgs.filter((arg) => arg !== '--use-fake-device-for-media-stream'),
    '--use-fake-device-for-media-stream=device-count=3',
    '--auto-select-desktop-capture-source=Entire screen',
  ],
};
