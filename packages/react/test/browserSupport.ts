// Browser-test helpers for @onair/react's real-server tests (outside the package's source graph).
import { expect, inject } from 'vitest';
import type {} from './countingProxyCommands';

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

/** The average colour of the frame a video shows now, and its size. */
export function frameOf(video: HTMLVideoElement): { width: number; height: number; rgb: [number, number, number] } {
  if (!video.videoWidth) return { width: 0, height: 0, rgb: [0, 0, 0] };
  const canvas = document.createElement('canvas');
  canvas.width = video.videoWidth;
  canvas.height = video.videoHeight;
  const context = canvas.getContext('2d', { willReadFrequently: true })!;
  context.drawImage(video, 0, 0);
  const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
  const sum = [0, 0, 0];
  for (let i = 0; i < data.length; i += 4) for (let c = 0; c < 3; c++) sum[c]! += data[i + c]!;
  const pixels = Math.max(1, data.length / 4);
  return { width: video.videoWidth, height: video.videoHeight, rgb: sum.map((s) => Math.round(s / pixels)) as [number, number, number] };
}

/**
 * Chromium's two fake cameras (with `device-count=2`): fake_device_0 draws on green, fake_device_1
 * is grey (r ≈ g ≈ b). What a viewer decodes tells them apart.
 */
export const looksGreen = ({ rgb: [r, g, b] }: ReturnType<typeof frameOf>) => g > 2 * r && g > 2 * b && g > 60;
export const looksGrey = ({ rgb: [r, g, b] }: ReturnType<typeof frameOf>) => Math.max(r, g, b) - Math.min(r, g, b) < 12;
