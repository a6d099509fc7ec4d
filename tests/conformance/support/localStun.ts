import { createSocket, type Socket } from 'node:dgram';

/**
 * A loopback STUN binding responder. werift 0.24.4 falls back to stun.l.google.com when no STUN
 * server is configured (even with `iceServers: []`), and offline that DNS lookup can stall ICE
 * gathering — and so every offer — for its full 5 s timeout when peers gather concurrently. Giving
 * test peers this server keeps gathering at a few milliseconds.
 */
const BINDING_REQUEST = 0x0001;
const BINDING_SUCCESS = 0x0101;
const MAGIC_COOKIE = 0x2112a442;
const XOR_MAPPED_ADDRESS = 0x0020;

let started: Promise<{ url: string; socket: Socket }> | undefined;

export function localStunUrl(): Promise<string> {
  started ??= new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.on('message', (message, peer) => {
      if (message.length < 20 || message.readUInt16BE(0) !== BINDING_REQUEST || message.readUInt32BE(4) !== MAGIC_COOKIE) return;
      const response = Buffer.alloc(32);
      response.writeUInt16BE(BINDING_SUCCESS, 0);
      response.writeUInt16BE(12, 2);
      message.copy(response, 4, 4, 20); // magic cookie + transaction id
      response.writeUInt16BE(XOR_MAPPED_ADDRESS, 20);
      response.writeUInt16BE(8, 22);
      response.writeUInt16BE(0x0001, 24); // IPv4
      response.writeUInt16BE(peer.port ^ (MAGIC_COOKIE >>> 16), 26);
      const address = peer.address.split('.').reduce((n, octet) => (n << 8) + Number(octet), 0) >>> 0;
      response.writeUInt32BE((address ^ MAGIC_COOKIE) >>> 0, 28);
      socket.send(response, peer.port, peer.address);
    });
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      socket.unref(); // never keeps a test process alive
      resolve({ url: `stun:127.0.0.1:${socket.address().port}`, socket });
    });
  });
  return started.then(({ url }) => url);
}
