import type { RTCPeerConnection } from 'werift';

const CONTENT_TYPE_ALERT = 21;
/** Alert level warning (1), description close_notify (0): RFC 5246 §7.2.1, as DTLS 1.2 uses it. */
const CLOSE_NOTIFY = Buffer.from([1, 0]);

/**
 * Tells the peer the session is over with a DTLS close_notify alert, encrypted under the current
 * epoch. werift's close() sends nothing (its DTLS `stop()` says "todo impl send alert"), so a peer
 * learnt only from ICE consent expiring, seconds later; browsers close their transport on it at
 * once, and clients reconnect or stop sooner. Best effort: a failed send changes nothing.
 */
export async function sendCloseNotify(pc: RTCPeerConnection): Promise<void> {
  await Promise.all(
    pc.dtlsTransports.map(async (transport) => {
      const socket = transport.dtls;
      if (transport.state !== 'connected' || !socket) return;
      const { dtls, cipher } = socket;
      const sequenceNumber = ++dtls.recordSequenceNumber;
      const { major, minor } = dtls.version;
      const fragment = cipher.cipher.encrypt(cipher.sessionType, CLOSE_NOTIFY, {
        type: CONTENT_TYPE_ALERT,
        version: (major << 8) | minor,
        epoch: dtls.epoch,
        sequenceNumber,
      });
      // DTLS record header (RFC 6347 §4.1): type, version, epoch, 48-bit sequence number, length.
      const header = Buffer.alloc(13);
      header[0] = CONTENT_TYPE_ALERT;
      header[1] = major;
      header[2] = minor;
      header.writeUInt16BE(dtls.epoch, 3);
      header.writeUIntBE(sequenceNumber, 5, 6);
      header.writeUInt16BE(fragment.length, 11);
      await socket.transport.send(Buffer.concat([header, fragment])).catch(() => undefined);
    }),
  ).catch(() => undefined);
}
