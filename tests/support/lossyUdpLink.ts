import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { once } from 'node:events';

export type Direction = 'toServer' | 'toClient';

export interface LinkCounts {
  /** RTP packets dropped per direction. */
  dropped: Record<Direction, number>;
  /** RTP packets passed on per direction, by payload type (SRTP leaves the header readable). */
  payloadTypes: Record<Direction, Record<number, number>>;
}

export interface LossyUdpLink {
  /** The port clients send to, on every IPv4 address of the machine. */
  port: number;
  counts(): LinkCounts;
  close(): Promise<void>;
}

/** RTP, not STUN, DTLS or RTCP (RFC 7983 first byte 128–191; RFC 5761 RTCP packet types 192–223). */
const isRtp = (packet: Buffer) => packet.length >= 12 && packet[0]! >= 128 && packet[0]! <= 191 && (packet[1]! < 192 || packet[1]! > 223);

/**
 * A UDP relay in front of one server socket that drops every `dropEvery`-th RTP packet in each
 * direction: a lossy network on loopback, deterministic, that ICE, DTLS and RTCP cross untouched.
 * Each client address gets its own upstream socket, so the server sees one peer per client.
 */
export async function startLossyUdpLink(target: { host: string; port: number }, dropEvery: number): Promise<LossyUdpLink> {
  const counts: LinkCounts = { dropped: { toServer: 0, toClient: 0 }, payloadTypes: { toServer: {}, toClient: {} } };
  const seen: Record<Direction, number> = { toServer: 0, toClient: 0 };
  const pass = (packet: Buffer, direction: Direction) => {
    if (!isRtp(packet)) return true;
    if (++seen[direction] % dropEvery === 0) {
      counts.dropped[direction]++;
      return false;
    }
    const payloadType = packet[1]! & 0x7f;
    counts.payloadTypes[direction][payloadType] = (counts.payloadTypes[direction][payloadType] ?? 0) + 1;
    return true;
  };

  const front = createSocket('udp4');
  const upstreams = new Map<string, Socket>();
  front.on('message', (packet: Buffer, client: RemoteInfo) => {
    const key = `${client.address}:${client.port}`;
    let upstream = upstreams.get(key);
    if (!upstream) {
      upstream = createSocket('udp4');
      upstream.on('message', (reply: Buffer) => pass(reply, 'toClient') && front.send(reply, client.port, client.address));
      upstream.bind(0, '127.0.0.1');
      upstreams.set(key, upstream);
    }
    if (pass(packet, 'toServer')) upstream.send(packet, target.port, target.host);
  });
  front.bind(0, '0.0.0.0');
  await once(front, 'listening');
  return {
    port: front.address().port,
    counts: () => structuredClone(counts),
    close: async () => {
      for (const socket of [front, ...upstreams.values()]) socket.close();
      upstreams.clear();
    },
  };
}
