/** A piece of work that stops once `deadline` (performance.now()) has passed and resumes when run again: true when done. */
export type SlicedTask = (deadline: number) => boolean;

/**
 * Runs tasks in order, at most about `sliceMs` of them per event-loop turn, the rest in later
 * turns (setImmediate): timers, the creator's packets and HTTP are served in between. Work that
 * fits in the turn's slice runs at once, in the caller's turn; the slice is per turn, not per
 * call, since one turn reads a burst of up to 32 datagrams per socket. A task that throws is
 * dropped and its error handed to `onError`: in a later turn it would otherwise be uncaught.
 */
export class SlicedQueue {
  private tasks: SlicedTask[] = [];
  /** When each task was queued (performance.now()), beside it. */
  private queuedAt: number[] = [];
  private head = 0;
  private running = false;
  /** End of this turn's slice. */
  private deadline = 0;
  /** Set while a slice is open: fires after this turn's I/O, closing it and opening the next if work is left. */
  private scheduled: NodeJS.Immediate | null = null;

  constructor(
    private readonly sliceMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Tasks waiting or under way. */
  get length(): number {
    return this.tasks.length - this.head;
  }

  /** How long the oldest task waiting or under way has been queued (ms): how far behind the queue is. */
  get delayMs(): number {
    return this.head < this.tasks.length ? performance.now() - this.queuedAt[this.head]! : 0;
  }

  run(task: SlicedTask): void {
    this.tasks.push(task);
    this.queuedAt.push(performance.now());
    if (!this.scheduled) this.openSlice();
    if (!this.running && performance.now() < this.deadline) this.work();
  }

  /** Drops what has not run yet. */
  clear(): void {
    this.tasks = [];
    this.queuedAt = [];
    this.head = 0;
    if (this.scheduled) clearImmediate(this.scheduled);
    this.scheduled = null;
  }

  private openSlice(): void {
    this.deadline = performance.now() + this.sliceMs;
    this.scheduled = setImmediate(this.nextTurn);
  }

  private readonly nextTurn = (): void => {
    this.scheduled = null;
    if (this.length === 0) return;
    this.openSlice();
    this.work();
  };

  private work(): void {
    this.running = true;
    try {
      while (this.head < this.tasks.length && performance.now() < this.deadline) {
        // A task that throws is dropped, not retried forever.
        let done = true;
        try {
          done = this.tasks[this.head]!(this.deadline);
        } catch (error) {
          this.onError(error);
        } finally {
          if (done) this.head++;
        }
      }
    } finally {
      this.running = false;
      if (this.head >= this.tasks.length) {
        this.tasks = [];
        this.queuedAt = [];
        this.head = 0;
      } else if (this.head >= 1024) {
        // Compact now and then instead of shifting on every task.
        this.tasks = this.tasks.slice(this.head);
        this.queuedAt = this.queuedAt.slice(this.head);
        this.head = 0;
      }
    }
  }
}
