// What a <video> shows, read in the page (Vitest browser tests call these directly; Playwright passes
// them to `evaluate`, so they use nothing from their module).

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

export type Frame = ReturnType<typeof frameOf>;

/** Chromium's fake_device_0 films on green: what a viewer decodes of it looks green. */
export const looksGreen = ({ rgb: [r, g, b] }: Frame) => g > 2 * r && g > 2 * b && g > 60;
