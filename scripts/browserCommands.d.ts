// Browser-side types of the Node-side commands in vitest.config.ts (serverProcessCommands,
// turnServerCommands, pageNetworkCommands), for the browser suites that call them.
import 'vitest/browser';

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** A separate @onair/server CLI process; `iceServers` are its `--ice-server` values. */
    startServerProcess: (options?: { iceServers?: string[] }) => Promise<{ url: string }>;
    killServerProcess: () => Promise<void>;
    restartServerProcess: () => Promise<{ url: string }>;
    stopServerProcess: () => Promise<void>;
    /** SIGSTOP / SIGCONT to the server process: a stall with every socket left open. */
    pauseServerProcess: () => Promise<void>;
    resumeServerProcess: () => Promise<void>;
    /** coturn on 127.0.0.1 (relaying to loopback peers); one at a time. */
    startTurnServer: () => Promise<{ url: string; username: string; credential: string }>;
    stopTurnServer: () => Promise<void>;
    /** Records every 4xx/5xx response the page gets (what its console shows in red). */
    recordFailedResponses: () => Promise<void>;
    failedResponses: () => Promise<string[]>;
  }
}
