import { RtcpPayloadSpecificFeedback } from 'werift';

type Feedback = NonNullable<ConstructorParameters<typeof RtcpPayloadSpecificFeedback>[0]>['feedback'];

/**
 * RFC 5104 §4.3.1 Full Intra Request for one media SSRC. werift 0.24.4 neither exports its FIR
 * class nor sends one (and that class's RTCP length is one word short), so it is built here.
 */
export function fullIntraRequest(senderSsrc: number, mediaSsrc: number, sequenceNumber: number): RtcpPayloadSpecificFeedback {
  const serialize = () => {
    const packet = Buffer.alloc(16);
    packet.writeUInt32BE(senderSsrc >>> 0, 0);
    // The media source field is unused in a FIR (RFC 5104 §4.3.1.2): the FCI names the SSRC.
    packet.writeUInt32BE(0, 4);
    packet.writeUInt32BE(mediaSsrc >>> 0, 8);
    packet[12] = sequenceNumber & 0xff;
    return packet;
  };
  const feedback = { count: 4, senderSsrc, mediaSsrc: 0, fir: [{ ssrc: mediaSsrc, sequenceNumber }], length: 4, serialize };
  return new RtcpPayloadSpecificFeedback({ feedback: feedback as unknown as Feedback });
}
