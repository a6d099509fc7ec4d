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
  // A user's Firefox autoplay policy, stated so no profile default can loosen it: media may play by
  // itself muted (default 1: audible autoplay blocked), sound needs a gesture anywhere in the page
  // first (blocking policy 0: sticky user activation).
  'media.autoplay.default': 1,
  'media.autoplay.blocking_policy': 0,
  // A sound card: this machine has none, and without one Firefox never starts Web Audio (an
  // AudioContext stays suspended) and has nowhere to play a <video>'s sound. Firefox's mock device
  // runs in real time like a real one.
  'media.cubeb.force_mock_context': true,
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
