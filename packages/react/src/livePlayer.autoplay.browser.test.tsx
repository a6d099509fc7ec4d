import { afterEach, expect, test } from 'vitest';
import { userEvent } from 'vitest/browser';
import { render } from 'vitest-browser-react';
import { WhipSession } from '@onair/core';
import { createLiveInput, DEADLINE_MS, POLL_MS } from '../test/browserSupport';
import { LivePlayer } from './LivePlayer';
import { createTestPattern } from './testPattern';

// Chromium here runs with its default autoplay policy (document-user-activation-required): sound
// needs a user gesture. This file's page has had none when the player starts (the creator is
// started from code, not a click), as on a viewer's first visit. The creator sends a test pattern
// and a tone, not the fake camera and microphone: Chromium lets a page that is capturing play sound
// freely. The tone is a WAV played muted (allowed) and captured, since an AudioContext would stay
// suspended without a gesture and send nothing.
const SAMPLE_RATE = 48_000;

async function toneTrack(): Promise<MediaStreamTrack> {
  const samples = SAMPLE_RATE;
  const wav = new DataView(new ArrayBuffer(44 + samples * 2));
  const text = (at: number, s: string) => [...s].forEach((c, i) => wav.setUint8(at + i, c.charCodeAt(0)));
  text(0, 'RIFF');
  wav.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVEfmt ');
  wav.setUint32(16, 16, true);
  wav.setUint16(20, 1, true);
  wav.setUint16(22, 1, true);
  wav.setUint32(24, SAMPLE_RATE, true);
  wav.setUint32(28, SAMPLE_RATE * 2, true);
  wav.setUint16(32, 2, true);
  wav.setUint16(34, 16, true);
  text(36, 'data');
  wav.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) wav.setInt16(44 + i * 2, Math.sin((2 * Math.PI * 440 * i) / SAMPLE_RATE) * 8000, true);
  // A muted <video> may autoplay (a muted <audio> may not).
  const audio = document.createElement('video');
  audio.muted = true;
  audio.src = URL.createObjectURL(new Blob([wav], { type: 'audio/wav' }));
  audio.loop = true;
  await audio.play();
  const captured = (audio as HTMLVideoElement & { captureStream(): MediaStream }).captureStream();
  // The captured stream gets its track once the element has decoded audio.
  await expect.poll(() => captured.getAudioTracks().length, { timeout: DEADLINE_MS, interval: POLL_MS }).toBe(1);
  return captured.getAudioTracks()[0]!;
}
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

test('autoplay with sound blocked: the player falls back to muted playback with an Unmute button; clicking it gives sound', async () => {
  const input = await createLiveInput();
  cleanups.push(input.remove);
  const creator = new WhipSession({ url: input.whipUrl });
  const camera = createTestPattern();
  camera.addTrack(await toneTrack());
  cleanups.push(async () => {
    await creator.stop();
    for (const track of camera.getTracks()) track.stop();
  });
  await creator.start(camera);

  // The app asks for sound; the browser refuses it without a gesture.
  const screen = await render(<LivePlayer url={input.whepUrl} muted={false} data-testid="player" />);
  const player = screen.getByTestId('player');
  const video = player.element().querySelector('video')!;
  await expect.element(player, { timeout: DEADLINE_MS }).toHaveAttribute('data-state', 'playing');
  await expect.poll(() => video.currentTime, { timeout: DEADLINE_MS, interval: POLL_MS }).toBeGreaterThan(0);
  expect(navigator.userActivation.hasBeenActive).toBe(false);
  expect(video.muted).toBe(true);
  expect(video.paused).toBe(false);
  const unmute = screen.getByRole('button', { name: 'Unmute' });
  await expect.element(unmute).toBeVisible();

  await userEvent.click(unmute);
  await expect.element(screen.getByRole('button', { name: 'Mute' })).toHaveAttribute('data-state', 'unmuted');
  expect(video.muted).toBe(false);
  expect(video.paused).toBe(false);
  await expect.poll(() => video.currentTime, { timeout: DEADLINE_MS, interval: POLL_MS }).toBeGreaterThan(video.currentTime);
  await screen.unmount();
});
