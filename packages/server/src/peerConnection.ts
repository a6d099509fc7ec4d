import { RTCPeerConnection } from 'werift';
import type { RTCRtpCodecParameters } from 'werift';
import { relayCodecs, relayHeaderExtensions } from './codecs.js';

/**
 * A werift peer set up the way that works with Chromium on loopback and LAN (field-notes):
 * no STUN (werift's default is a public server, unreachable offline), loopback added to host
 * candidates, explicit codecs.
 */
export function createPeerConnection(codecs: { video?: RTCRtpCodecParameters[]; audio?: RTCRtpCodecParameters[] } = relayCodecs()) {
  return new RTCPeerConnection({
    iceServers: [],
    iceAdditionalHostAddresses: ['127.0.0.1'],
    codecs,
    headerExtensions: relayHeaderExtensions(),
  });
}

/**
 * werift's ICE agent falls back to stun.l.google.com when no STUN server is configured, and each
 * gathering waits up to 5 s for it (offline, whenever DNS is slow): a POST would hang that long.
 * Call before every `setLocalDescription`, once the transports exist.
 */
export function skipStunFallback(pc: RTCPeerConnection): void {
  for (const transport of pc.iceTransports) transport.connection.stunServer = undefined;
}
