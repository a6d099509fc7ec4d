/**
 * One publisher keyframe serves every viewer, so keyframe requests (viewer joins, viewers' PLI/FIR,
 * the relay dropping frames) are coalesced: at most one per interval, with a trailing one if any
 * arrived in between. Keyframes are several times larger than other frames: asked for more often,
 * a loaded server would be fed more of what it cannot keep up with.
 */
export const KEYFRAME_REQUEST_INTERVAL_MS = 500;

export class KeyframeRequester {
  private last = -Infinity;
  private timer: NodeJS.Timeout | null = null;
  requests = 0;
  sent = 0;

  constructor(
    private readonly send: () => void,
    private readonly intervalMs = KEYFRAME_REQUEST_INTERVAL_MS,
  ) {}

  request(): void {
    this.requests++;
    if (this.timer) return;
    const wait = this.last + this.intervalMs - Date.now();
    if (wait <= 0) return this.fire();
    this.timer = setTimeout(() => this.fire(), wait);
    this.timer.unref();
  }

  close(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private fire(): void {
    this.timer = null;
    this.last = Date.now();
    this.sent++;
    this.send();
  }
}
