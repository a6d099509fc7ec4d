import { RtpHeader, RtpPacket } from 'werift';

/**
 * A packet of its own for one viewer's sender, without werift's deserializer or constructors
 * (they define every field with Object.defineProperty: a sixth of the fan-out's CPU). werift's
 * `sendRtp` rewrites the header's fields and keeps the packet for NACKs, so the header is copied;
 * it replaces `extensions` with a new array instead of changing it and only reads the payload,
 * so those are shared.
 */
export function copyRtpPacket(rtp: RtpPacket): RtpPacket {
  const header = Object.assign(Object.create(RtpHeader.prototype) as RtpHeader, rtp.header);
  const packet = Object.create(RtpPacket.prototype) as RtpPacket;
  packet.header = header;
  packet.payload = rtp.payload;
  return packet;
}
