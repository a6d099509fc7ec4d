const TEST_PATTERN_FPS = 30;

/**
 * A moving test pattern as a MediaStream (a canvas capture): real frames for stories and tests
 * without a camera or a permission prompt. Stop its track to stop the animation.
 */
export function createTestPattern(width = 640, height = 360): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas context in this environment');
  const stream = canvas.captureStream(TEST_PATTERN_FPS);
  const [track] = stream.getVideoTracks();
  let frame = 0;
  const timer = setInterval(() => {
    if (track?.readyState === 'ended') return clearInterval(timer);
    context.fillStyle = `hsl(${(frame * 3) % 360} 70% 45%)`;
    context.fillRect(0, 0, width, height);
    context.fillStyle = '#fff';
    context.fillRect((frame * 8) % width, 0, 24, height);
    context.font = `${height / 8}px sans-serif`;
    context.fillText('onair', width / 20, height / 2);
    frame += 1;
  }, 1000 / TEST_PATTERN_FPS);
  return stream;
}
