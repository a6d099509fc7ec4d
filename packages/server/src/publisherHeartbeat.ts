import { RtcpRrPacket, type RTCPeerConnection } from 'werift';

/** A creator hears from us at least this often while connected. */
const HEARTBEAT_MS = 200;

/**
 * Sends the creator an empty receiver report every HEARTBEAT_MS. werift's own reports come every
 * 0.5–1.5 s per track: too rare for a sender, which gets nothing else from us, to tell a dead
 * server from a quiet one within a few hundred ms (@onair/core probes its session after 500 ms
 * of silence). Returns the stop.
 */
export function startHeartbeat(pc: RTCPeerConnection): () => void {
  const timer = setInterval(() => {
    const receiver = pc.getReceivers()[0];
    if (receiver?.dtlsTransport.state !== 'connected') return;
    receiver.dtlsTransport.sendRtcp([new RtcpRrPacket({ ssrc: receiver.rtcpSsrc })]).catch(() => undefined);
  }, HEARTBEAT_MS);
  return () => clearInterval(timer);
}
