import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export type Script = (req: RecordedRequest, res: ServerResponse) => void | Promise<void>;

/** An HTTP server on a free port answering as `script` says, recording every request. */
export async function scriptedServer(script: Script, port = 0) {
  const requests: RecordedRequest[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const recorded = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
    requests.push(recorded);
    try {
      await script(recorded, res);
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A minimal SDP answer the fake peer connection accepts. */
export const ANSWER_SDP =
  'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 96\r\na=mid:0\r\na=ice-ufrag:srv\r\na=ice-pwd:srvpwd\r\na=candidate:9 1 udp 1 127.0.0.1 9 typ host\r\n';

/** 201 + answer + Location (+ ETag, + extra headers). */
export function created(res: ServerResponse, location: string, headers: Record<string, string> = {}, sdp = ANSWER_SDP) {
  res.writeHead(201, { 'Content-Type': 'application/sdp', Location: location, ETag: '"e1"', ...headers }).end(sdp);
}
