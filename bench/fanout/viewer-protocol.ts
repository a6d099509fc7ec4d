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
  | { type: 'window-end'; id: number; publisherSent: number }
  | { type: 'close'; id: number };

/** Loss of all of a worker's viewers over one window, by RTP sequence numbers. */
export interface WindowStats {
  viewers: number;
  /** Packets the viewers should have received (sum over viewers of the sequence range they saw). */
  expected: number;
  /** Distinct sequence numbers received (a retransmission that fills a gap counts once). */
  received: number;
  /** Viewers that received nothing at all in the window. */
  silent: number;
  /** Worst viewer's loss fraction. */
  worstLoss: number;
  /** CPU of this worker process over the window, % of one core. */
  cpuPercent: number;
}

export type ViewerReply =
  | { type: 'ready' }
  | { type: 'added'; id: number; connected: number; failed: number; firstPacketMs: number[]; errors: string[] }
  | { type: 'window-started'; id: number }
  | { type: 'window-ended'; id: number; stats: WindowStats }
  | { type: 'closed'; id: number };
