import { ProtectionProfileAes128CmHmacSha1_80, RTCPeerConnection } from 'werift';
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

/**
 * Viewers' SRTP is AES_CM_128_HMAC_SHA1_80, which every WebRTC endpoint implements (RFC 8827
 * §6.5): the relay encrypts it at about a third of werift's AEAD_AES_128_GCM cost per packet and
 * viewer (SrtpCmProtector). werift offers GCM first and, as DTLS client, lets the peer choose, so
 * the list holds this profile alone. Call before `setLocalDescription`, once the transports exist.
 */
export function offerAesCmSrtp(pc: RTCPeerConnection): void {
  for (const transport of pc.dtlsTransports) (transport as unknown as { srtpProfiles: number[] }).srtpProfiles = [ProtectionProfileAes128CmHmacSha1_80];
}
