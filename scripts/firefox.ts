// One place for how every test launches Debian's Firefox ESR (never a downloaded browser): over
// WebDriver BiDi with puppeteer-core, which needs no driver binary.
import puppeteer, { type Browser } from 'puppeteer-core';

export const firefoxPath = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

/** Fake camera + microphone, auto-granted, host candidates on loopback: real media without a device or a prompt. */
export const firefoxPrefs = {
  'media.navigator.streams.fake': true,
  'media.navigator.permission.disabled': true,
  'media.peerconnection.ice.loopback': true,
  'media.peerconnection.ice.obfuscate_host_addresses': false,
  // Muted playback starts by itself, as in Chromium's tests (a real page would need muted autoplay too).
  'media.autoplay.default': 0,
  'media.autoplay.blocking_policy': 0,
};

/**
 * One headless Firefox process. Give each role (creator, viewer) its own: Firefox throttles a
 * background tab, and a canvas source in one paints at ~1 fps.
 */
export function launchFirefox(): Promise<Browser> {
  return puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath,
    headless: true,
    extraPrefsFirefox: firefoxPrefs,
  });
}
