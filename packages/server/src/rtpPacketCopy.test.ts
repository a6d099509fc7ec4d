import { RtpHeader, RtpPacket } from 'werift';
import { expect, test } from 'vitest';
import { copyRtpPacket } from './rtpPacketCopy.js';

test('a copy serializes like the original and its header changes stay its own', () => {
  const original = new RtpPacket(
    new RtpHeader({ payloadType: 96, sequenceNumber: 7, timestamp: 9000, ssrc: 1234, marker: true, extensions: [{ id: 3, payload: Buffer.from([1, 2, 3]) }] }),
    Buffer.from([0x10, 1, 2, 3]),
  );
  const bytes = original.serialize();
  const copy = copyRtpPacket(original);
  expect(copy).toBeInstanceOf(RtpPacket);
  expect(copy.header).toBeInstanceOf(RtpHeader);
  expect(copy.serialize()).toEqual(bytes);
  expect(RtpPacket.deSerialize(copy.serialize())).toEqual(RtpPacket.deSerialize(bytes));

  // What werift's sendRtp does to the packet it is given.
  copy.header.ssrc = 99;
  copy.header.sequenceNumber = 1000;
  copy.header.timestamp = 1;
  copy.header.payloadType = 100;
  copy.header.extensions = [{ id: 1, payload: Buffer.from([5]) }];
  expect(original.serialize()).toEqual(bytes);
});
