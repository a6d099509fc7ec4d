const TEST_PATTERN_FPS = 30;
const TONE_HZ = 440;
// Quiet enough for a speaker, loud enough for a level meter to move.
const TONE_GAIN = 0.2;

export interface TestPatternOptions {
  width?: number;
  height?: number;
  /** Add an audio track: a 440 Hz tone. */
  audio?: boolean;
  /** Add no video track (an audio-only stream; needs `audio`). */
  video?: boolean;
  /** The background hue (0–360) instead of a cycling one: tells two patterns apart. */
  hue?: number;
}

/**
 * A moving test pattern as a MediaStream (a canvas capture, optionally with a tone): real frames for
 * stories and tests without a camera or a permission prompt. Stop its tracks to stop it.
 */
export function createTestPattern({ width = 640, height = 360, audio = false, video = true, hue }: TestPatternOptions = {}): MediaStream {
  const stream = new MediaStream();
  if (video) {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas context in this environment');
    const [track] = canvas.captureStream(TEST_PATTERN_FPS).getVideoTracks();
    let frame = 0;
    const timer = setInterval(() => {
      if (track?.readyState === 'ended') return clearInterval(timer);
      context.fillStyle = `hsl(${hue ?? (frame * 3) % 360} 70% 45%)`;
      context.fillRect(0, 0, width, height);
      context.fillStyle = '#fff';
      context.fillRect((frame * 8) % width, 0, 24, height);
      context.font = `${height / 8}px sans-serif`;
      context.fillText('onair', width / 20, height / 2);
      frame += 1;
    }, 1000 / TEST_PATTERN_FPS);
    if (track) stream.addTrack(track);
  }
  if (audio) {
    const context = new AudioContext();
    const tone = context.createOscillator();
    const gain = context.createGain();
    gain.gain.value = TONE_GAIN;
    const destination = context.createMediaStreamDestination();
    tone.frequency.value = TONE_HZ;
    tone.connect(gain).connect(destination);
    tone.start();
    const [track] = destination.stream.getAudioTracks();
    track?.addEventListener('ended', () => void context.close());
    if (track) stream.addTrack(track);
  }
  return stream;
}
