import http from 'node:http';
import net from 'node:net';

/**
 * Sends hostile requests and records how the server answered. Well-formed HTTP goes through
 * node:http (keep-alive, bounded sockets per source address); malformed HTTP goes over raw TCP.
 * Every request picks a loopback source address (127.x.y.z), so per-IP rate limits apply per
 * attack instead of starving the whole run.
 */
export type Outcome = { status: number; body: string; location?: string } | { error: string };

const REQUEST_TIMEOUT_MS = 20_000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });

export function closeHostileClient(): void {
  agent.destroy();
}

export interface HostileRequest {
  method: string;
  path: string;
  headers?: http.OutgoingHttpHeaders;
  body?: string | Buffer;
  source: string;
}

/** One well-formed HTTP request; retried once if a reused keep-alive socket was already closed. */
export async function send(port: number, request: HostileRequest): Promise<Outcome> {
  const first = await sendOnce(port, request);
  if ('error' in first && first.error === 'ECONNRESET-reused') return sendOnce(port, request);
  return 'error' in first && first.error.endsWith('-reused') ? { error: first.error.replace(/-reused$/, '') } : first;
}

function sendOnce(port: number, { method, path, headers = {}, body, source }: HostileRequest): Promise<Outcome> {
  return new Promise((resolve) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, headers, localAddress: source, agent, timeout: REQUEST_TIMEOUT_MS }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        if (size < 4096) chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8', 0, 4096), location: res.headers.location }));
      res.on('error', (error: NodeJS.ErrnoException) => resolve({ status: res.statusCode ?? 0, body: `(body cut: ${error.code})` }));
    });
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'TIMEOUT' })));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: `${error.code ?? error.message}${req.reusedSocket ? '-reused' : ''}` }));
    req.end(body);
  });
}

/**
 * A body far over the server's caps, streamed over raw TCP until the server answers (it may answer
 * early and hang up: the answer counts if its head arrived, whatever happens to our writes after).
 * `chunked` leaves out Content-Length so the server must count.
 */
export function sendHuge(port: number, { method, path, headers = {}, source }: HostileRequest, bytes: number, chunked: boolean): Promise<Outcome> {
  const head = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([k, v]) => `${k}: ${String(v)}`)];
  head.push(chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${bytes}`);
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const framed = chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk;
  let sent = 0;
  return rawExchange(
    port,
    source,
    (socket, done) => {
      socket.write(`${head.join('\r\n')}\r\n\r\n`);
      const pump = () => {
        while (!done() && sent < bytes) {
          sent += chunk.length;
          if (!socket.write(framed)) return void socket.once('drain', pump);
        }
        if (!done() && chunked) socket.write('0\r\n\r\n');
      };
      pump();
    },
    (reason) => (reason === 'closed' ? `closed without a response (${sent} bytes sent)` : `${reason} before any response (${sent} bytes sent)`),
  );
}

/** Raw bytes on a fresh TCP connection; resolves with the status line's code, if any came. */
export function sendRaw(port: number, payload: string | Buffer, source: string): Promise<Outcome> {
  return rawExchange(
    port,
    source,
    (socket) => socket.write(payload),
    (reason, received) => (reason !== 'closed' ? reason : received ? `unparsable response: ${received.slice(0, 80)}` : 'closed without a response'),
  );
}

/**
 * One raw TCP exchange: `write` sends once connected; resolves once a whole response head is in
 * (the status is then certain) and hangs up, or with `failure(reason)` on an error, a close
 * ('closed') or the timeout.
 */
function rawExchange(
  port: number,
  source: string,
  write: (socket: net.Socket, done: () => boolean) => void,
  failure: (reason: string, received: string) => string,
): Promise<Outcome> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port, localAddress: source });
    let received = '';
    let done = false;
    const finish = (outcome: Outcome) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(outcome);
    };
    const timer = setTimeout(() => finish({ error: 'TIMEOUT' }), REQUEST_TIMEOUT_MS);
    socket.on('connect', () => write(socket, () => done));
    socket.on('data', (data: Buffer) => {
      received += data.toString('latin1');
      const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
      const headEnd = received.indexOf('\r\n\r\n');
      if (match && headEnd >= 0) finish({ status: Number(match[1]), body: received.slice(headEnd + 4, 4096) });
    });
    socket.on('error', (error: NodeJS.ErrnoException) => finish({ error: failure(error.code ?? error.message, received) }));
    socket.on('close', () => finish({ error: failure('closed', received) }));
  });
}

/**
 * Slowloris: a connection that starts a request and then stalls (partial head or partial body).
 * `release()` reports whether the server answered or hung up meanwhile, then closes it.
 */
export function holdPartial(port: number, partial: string, source: string): { release(): Outcome | { held: true } } {
  const socket = net.connect({ host: '127.0.0.1', port, localAddress: source });
  let outcome: Outcome | null = null;
  let received = '';
  socket.on('connect', () => socket.write(partial));
  socket.on('data', (data: Buffer) => {
    received += data.toString('latin1');
    const match = /^HTTP\/1\.[01] (\d{3})/.exec(received);
    if (match && !outcome) outcome = { status: Number(match[1]), body: '' };
  });
  // The server hanging up on a stalled request is a fine defence.
  socket.on('error', () => undefined);
  socket.on('close', () => (outcome ??= { status: 0, body: 'closed by the server' }));
  return {
    release() {
      socket.destroy();
      return outcome ?? { held: true };
    },
  };
}
