/** What the server child process measures over one window (since the last 'mark'). */
export interface ServerSample {
  lagP50Ms: number;
  lagP99Ms: number;
  lagMaxMs: number;
  /** CPU time of the whole server process as % of one core. */
  cpuPercent: number;
  /** The kernel's part of it (sendmsg to loopback runs the receiving side's network stack too). */
  systemCpuPercent: number;
  rssBytes: number;
  /** Time in garbage-collection pauses, % of the window. */
  gcPercent: number;
  gcMaxPauseMs: number;
  windowMs: number;
}

export type ServerRequest = { type: 'mark'; id: number } | { type: 'sample'; id: number } | { type: 'close' };

export type ServerReply =
  | { type: 'ready'; url: string; accountId: string }
  | { type: 'marked'; id: number }
  | { type: 'sample'; id: number; sample: ServerSample };
