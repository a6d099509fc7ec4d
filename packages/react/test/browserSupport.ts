// Browser-test helpers for @onair/react's real-server tests (outside the package's source graph).
import { expect, inject } from 'vitest';
import type {} from './countingProxyCommands';
import { frameOf, type Frame } from '../../../tests/support/videoFrames';

export { frameOf, type Frame };

const base = inject('onairServerUrl');
const account = inject('onairAccountId');

export const DEADLINE_MS = 20_000;
export const POLL_MS = 100;

export interface TestLiveInput {
  uid: string;
  whipUrl: string;
  whepUrl: string;
  remove(): Promise<void>;
}

/** A fresh live input on the suite's server; its WHIP/WHEP URLs point at `via` (a counting proxy) when given. */
export async function createLiveInput(via?: string): Promise<TestLiveInput> {
  const response = await fetch(`${base}/client/v4/accounts/${account}/stream/live_inputs`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ meta: { name: '@onair/react test' } }),
  });
  expect(response.ok).toBe(true);
  const { result } = (await response.json()) as { result: { uid: string; webRTC: { url: string }; webRTCPlayback: { url: string } } };
  const route = (url: string) => (via ? url.replace(base, via) : url);
  return {
    uid: result.uid,
    whipUrl: route(result.webRTC.url),
    whepUrl: route(result.webRTCPlayback.url),
    remove: async () => void (await fetch(`${base}/client/v4/accounts/${account}/stream/live_inputs/${result.uid}`, { method: 'DELETE' })),
  };
}

export const serverUrl = base;

/** The server's open sessions of one input. */
export async function openSessions(uid: string): Promise<{ whip: number; whep: number }> {
  const all = (await (await fetch(`${base}/_onair/sessions`)).json()) as { whip: { inputUid: string }[]; whep: { inputUid: string }[] };
  return { whip: all.whip.filter((s) => s.inputUid === uid).length, whep: all.whep.filter((s) => s.inputUid === uid).length };
}

// Frames a camera is sampled over: its picture moves, so one frame's colour is not the camera's.
const REFERENCE_FRAMES = 5;

/**
 * The average colour each of Chromium's fake cameras films, read here from the cameras themselves, so
 * a test can tell from a viewer's frames which camera is published. (fake_device_1 is a depth camera:
 * its Y16 frames never reach a WebRTC encoder, so tests use 0 and 2.)
 */
export async function cameraColours(labels: string[]): Promise<Map<string, Frame['rgb']>> {
  const cameras = (await navigator.mediaDevices.enumerateDevices()).filter((d) => d.kind === 'videoinput');
  const colours = new Map<string, Frame['rgb']>();
  for (const label of labels) {
    const camera = cameras.find((c) => c.label === label);
    if (!camera) throw new Error(`no camera ${label} among ${cameras.map((c) => c.label).join(', ')}`);
    const stream = await navigator.mediaDevices.getUserMedia({ video: { deviceId: { exact: camera.deviceId } } });
    const video = Object.assign(document.createElement('video'), { muted: true, srcObject: stream });
    await video.play();
    const sum = [0, 0, 0];
    for (let i = 0; i < REFERENCE_FRAMES; i++) {
      await new Promise((resolve) => video.requestVideoFrameCallback(resolve));
      frameOf(video).rgb.forEach((c, channel) => (sum[channel]! += c));
    }
    for (const track of stream.getTracks()) track.stop();
    colours.set(label, sum.map((c) => c / REFERENCE_FRAMES) as Frame['rgb']);
  }
  return colours;
}

const distance = (a: Frame['rgb'], b: Frame['rgb']) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/**
 * The frame's colour is nearer `label`'s camera than any other camera's in `colours`, and nearer it
 * than the other cameras are: a black or frozen-elsewhere frame is no camera's.
 */
export const filmedBy =
  (colours: Map<string, Frame['rgb']>, label: string) =>
  ({ rgb }: Frame): boolean => {
    const target = colours.get(label)!;
    const others = [...colours].filter(([other]) => other !== label).map(([, colour]) => colour);
    const gap = Math.min(...others.map((other) => distance(target, other)));
    return distance(rgb, target) < Math.min(gap, ...others.map((other) => distance(rgb, other)));
  };
