// Vitest browser commands (run in the Vitest Node process): a reverse proxy in front of the
// @onair/server that records every request it forwards, so a test counts what reached the server
// over the whole test — every POST, with its answer — instead of polling for "eventually one".
import { createServer, request, type Server } from 'node:http';
import type { BrowserCommand } from 'vitest/node';

export interface ForwardedRequest {
  method: string;
  path: string;
  status: number;
  /** Requests to the same path still unanswered when this one arrived. */
  inFlight: number;
}

interface Proxy {
  server: Server;
  log: ForwardedRequest[];
}

const proxies = new Map<string, Proxy>();

const startCountingProxy: BrowserCommand<[target: string]> = async (_context, target) => {
  const upstream = new URL(target);
  const log: ForwardedRequest[] = [];
  const pending = new Map<string, number>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', target).pathname;
    const inFlight = pending.get(path) ?? 0;
    pending.set(path, inFlight + 1);
    const forward = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        pending.set(path, (pending.get(path) ?? 1) - 1);
        log.push({ method: req.method ?? 'GET', path, status: answer.statusCode ?? 0, inFlight });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the counting proxy has no port');
  const url = `http://127.0.0.1:${address.port}`;
  proxies.set(url, { server, log });
  return url;
};

const forwardedRequests: BrowserCommand<[proxy: string]> = async (_context, proxy) => proxies.get(proxy)?.log ?? [];

const stopCountingProxy: BrowserCommand<[proxy: string]> = async (_context, proxy) => {
  const entry = proxies.get(proxy);
  proxies.delete(proxy);
  if (!entry) return;
  entry.server.closeAllConnections();
  await new Promise<void>((resolve) => entry.server.close(() => resolve()));
};

export const countingProxyCommands = { startCountingProxy, forwardedRequests, stopCountingProxy };

declare module 'vitest/browser' {
  interface BrowserCommands {
    /** Starts a recording reverse proxy to `target`; resolves with its base URL. */
    startCountingProxy(target: string): Promise<string>;
    /** Every request the proxy forwarded so far, answered ones only, in answer order. */
    forwardedRequests(proxy: string): Promise<ForwardedRequest[]>;
    stopCountingProxy(proxy: string): Promise<void>;
  }
}
