import type { StreamWindow } from './stream-counter.ts';

/**
 * 'light': viewers read the sequence number, timestamp and marker from the SRTP header (in clear)
 * and drop the packet before decryption and werift's RTP stack (no NACKs, no receiver reports);
 * 'browser': werift's whole receive path, SRTP decryption included, as a browser does it.
 */
export type ViewerMode = 'light' | 'browser';

export type ViewerRequest =
  | {
      type: 'add';
      id: number;
      whepUrl: string;
      count: number;
      concurrency: number;
      connectTimeoutMs: number;
      /** No new viewer starts joining after this many ms; the rest count as failed. */
      deadlineMs: number;
    }
  | { type: 'window-start'; id: number }
  | { type: 'window-end'; id: number; publisherSent: { video: number; audio: number } }
  | { type: 'close'; id: number };

/** What all of a worker's viewers received over one window (sums over viewers). */
export interface WindowStats {
  viewers: number;
  /** Video by sequence numbers and frames (see StreamWindow). */
  video: StreamWindow;
  /** Audio by sequence numbers. */
  audio: { expected: number; received: number };
  /** Viewers that received no video at all in the window. */
  silent: number;
  /** Worst viewer's video loss fraction. */
  worstLoss: number;
  /** CPU of this worker process over the window, % of one core. */
  cpuPercent: number;
  /** The window's length as this worker saw it (its messages may be handled late when it is busy). */
  seconds: number;
}

export type ViewerReply =
  | { type: 'ready' }
  | { type: 'added'; id: number; connected: number; failed: number; firstPacketMs: number[]; errors: string[] }
  | { type: 'window-started'; id: number }
  | { type: 'window-ended'; id: number; stats: WindowStats }
  | { type: 'closed'; id: number };
