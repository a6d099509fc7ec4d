import { expect, test } from 'vitest';
import { createStatsReader, getUserMedia, WhepSession, WhipSession, type WhepOptions } from './index';
import { cleanupsAfterEach, sharedServer } from '../../../tests/support/browserHooks';
import { until } from '../../../tests/support/until';

// Glass-to-glass latency from abs-capture-time (MediaStats.latencyMs), in Chromium through the real
// @onair/server, checked against a clock drawn into the picture: the creator publishes a canvas that
// shows `performance.timeOrigin + performance.now()` as blocks, the player reads it back from each
// frame it presents. Same page, same clock.
const { api } = sharedServer();
const cleanups = cleanupsAfterEach();

// The drawn clock: ms mod 2^32 as 32 black/white blocks (4 rows of 8), its complement below (a
// frame whose halves disagree is misread and skipped), on a 16 × 9 grid of the frame.
const [COLUMNS, ROWS, BITS] = [16, 9, 32];
const blocks = (bit: number, inverse: boolean) => [bit % 8, Math.floor(bit / 8) + (inverse ? 4 : 0)] as const;

function clockCanvas(): MediaStreamTrack {
  const canvas = document.createElement('canvas');
  [canvas.width, canvas.height] = [640, 360];
  const ctx = canvas.getContext('2d')!;
  const [w, h] = [640 / COLUMNS, 360 / ROWS];
  // Drawn every 5 ms: the frame captured shows a clock at most that much older than its capture.
  const draw = setInterval(() => {
    const now = Math.round(performance.timeOrigin + performance.now()) % 2 ** 32;
    ctx.fillStyle = '#808080';
    ctx.fillRect(0, 0, 640, 360);
    for (let bit = 0; bit < BITS; bit++) {
      const one = (now >>> (BITS - 1 - bit)) & 1;
      for (const inverse of [false, true]) {
        const [x, y] = blocks(bit, inverse);
        ctx.fillStyle = one !== Number(inverse) ? '#fff' : '#000';
        ctx.fillRect(x * w, y * h, w, h);
      }
    }
  }, 5);
  const track = canvas.captureStream(30).getVideoTracks()[0]!;
  cleanups.push(() => (clearInterval(draw), track.stop()));
  return track;
}

/** The clock drawn into the frame `video` shows now, or null when misread. */
function readClock(video: HTMLVideoElement, ctx: CanvasRenderingContext2D): number | null {
  const [width, height] = [video.videoWidth, video.videoHeight];
  [ctx.canvas.width, ctx.canvas.height] = [width, height];
  ctx.drawImage(video, 0, 0);
  const { data } = ctx.getImageData(0, 0, width, height);
  const bright = (x: number, y: number) => {
    const [px, py] = [Math.floor(((x + 0.5) * width) / COLUMNS), Math.floor(((y + 0.5) * height) / ROWS)];
    return data[(py * width + px) * 4 + 1]! > 128;
  };
  let value = 0;
  for (let bit = 0; bit < BITS; bit++) {
    const one = bright(...blocks(bit, false));
    if (one === bright(...blocks(bit, true))) return null;
    value = (value * 2 + Number(one)) >>> 0;
  }
  return value;
}

/** Publishes the drawn clock (and the fake microphone) to a new input; returns its playback URL. */
async function liveClock(): Promise<string> {
  const input = await api.create({ meta: { name: 'capture latency' } });
  cleanups.push(() => api.delete(input.uid));
  const microphone = await getUserMedia({ audio: true });
  cleanups.push(() => microphone.getTracks().forEach((t) => t.stop()));
  const publisher = new WhipSession({ url: input.webRTC.url });
  cleanups.push(() => publisher.stop());
  await publisher.start(new MediaStream([clockCanvas(), ...microphone.getAudioTracks()]));
  return input.webRTCPlayback.url;
}

async function play(url: string, options: Partial<WhepOptions> = {}): Promise<{ player: WhepSession; video: HTMLVideoElement }> {
  const player = new WhepSession({ url, ...options });
  cleanups.push(() => player.stop());
  await player.start();
  const video = document.createElement('video');
  Object.assign(video, { muted: true, playsInline: true, srcObject: player.getSnapshot().stream });
  document.body.append(video);
  cleanups.push(() => video.remove());
  await video.play();
  return { player, video };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

test('latencyMs (abs-capture-time through @onair/server) agrees with the clock drawn into the picture', async () => {
  const { player, video } = await play(await liveClock());
  const read = createStatsReader(player);
  const fromStats = (await until('latencyMs', async () => (await read())?.latencyMs)) as number;

  // Both over the same seconds: the drawn clock of every frame presented, latencyMs every 100 ms.
  const ctx = document.createElement('canvas').getContext('2d', { willReadFrequently: true })!;
  const drawn: number[] = [];
  const stated: number[] = [fromStats];
  let misread = 0;
  let reading = true;
  const onFrame: VideoFrameRequestCallback = () => {
    if (!reading) return;
    // Read once presented: the frame on screen now is the one drawn below.
    const now = Math.round(performance.timeOrigin + performance.now());
    const clock = readClock(video, ctx);
    if (clock === null) misread++;
    // ms mod 2^32 like the drawn clock, as a signed difference.
    else drawn.push(((now - clock + 2 ** 31 + 2 ** 32) % 2 ** 32) - 2 ** 31);
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  const poll = setInterval(() => void read().then((stats) => stated.push(stats!.latencyMs!)), 100);
  await until('90 frames and 30 readings', () => drawn.length >= 90 && stated.length >= 30);
  reading = false;
  clearInterval(poll);

  const [canvasMs, statsMs] = [median(drawn), median(stated)];
  console.log(
    `glass-to-glass latency, medians: drawn clock ${canvasMs} ms (${drawn.length} frames, ${misread} misread, ` +
      `range ${Math.min(...drawn)}–${Math.max(...drawn)}), latencyMs ${statsMs.toFixed(1)} ms (${stated.length} readings, ` +
      `range ${Math.min(...stated).toFixed(1)}–${Math.max(...stated).toFixed(1)})`,
  );
    expect(stated.every((ms) => typeof ms === 'number')).toBe(true);
  // The drawn clock runs behind the capture by up to 5 ms (drawn every 5 ms) plus the wait for
  // the canvas's next captured frame (≤ 33 ms at 30 fps); latencyMs ends when the frame is handed
  // to the renderer, the drawn one when it is presented (≤ 17 ms later at 60 Hz). So the drawn
  // clock reads 0–55 ms more; a few ms either side for rounding to whole ms and scheduling.
  expect(canvasMs - statsMs).toBeGreaterThan(-10);
  expect(canvasMs - statsMs).toBeLessThan(60);
});

test('a server-offer player (Chromium answering our server’s offer) reads latencyMs too', async () => {
  const { player } = await play(await liveClock(), { mode: 'server-offer' });
  const read = createStatsReader(player);
  const latencyMs = await until('latencyMs', async () => (await read())?.latencyMs);
  expect(latencyMs).toBeGreaterThan(0);
  expect(latencyMs).toBeLessThan(1_000);
});
