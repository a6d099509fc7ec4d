import { randomBytes } from 'node:crypto';
import { expect, test } from 'vitest';
import { ProtectionProfileAes128CmHmacSha1_80, RtpHeader, SrtpSession } from 'werift';
import { SrtpCmProtector } from './srtpCmProtector.js';

interface WeriftContext {
  srtpSessionKey: Buffer;
  srtpSessionSalt: Buffer;
  srtpSessionAuthTag: Buffer;
  cipher: { encryptRtp(header: RtpHeader, payload: Buffer, rolloverCounter: number): Buffer };
}

/** A sender's and a receiver's werift SRTP sessions on the same keys. */
function sessions() {
  const keys = { localMasterKey: randomBytes(16), localMasterSalt: randomBytes(14), remoteMasterKey: randomBytes(16), remoteMasterSalt: randomBytes(14) };
  const profile = ProtectionProfileAes128CmHmacSha1_80;
  const sender = new SrtpSession({ keys, profile });
  const receiver = new SrtpSession({
    keys: { localMasterKey: keys.remoteMasterKey, localMasterSalt: keys.remoteMasterSalt, remoteMasterKey: keys.localMasterKey, remoteMasterSalt: keys.localMasterSalt },
    profile,
  });
  const context = sender.localContext as unknown as WeriftContext;
  return {
    context,
    receiver,
    protector: (ssrc: number) =>
      new SrtpCmProtector({ sessionKey: context.srtpSessionKey, sessionSalt: context.srtpSessionSalt, authKey: context.srtpSessionAuthTag }, ssrc),
  };
}

function header(ssrc: number, sequenceNumber: number, extensions: { id: number; payload: Buffer }[] = []) {
  return new RtpHeader({ payloadType: 96, ssrc, sequenceNumber, timestamp: sequenceNumber * 3000, marker: sequenceNumber % 7 === 0, extensions });
}

test('SRTP packets byte-identical to werift AES-CM output, across batches, payload sizes, gaps and a rollover', () => {
  const { context, protector } = sessions();
  const ssrc = 0x8badf00d;
  const srtp = protector(ssrc);
  // Sizes from an Opus packet to past a typical MTU; the slot grows as larger payloads come.
  const sizes = [1, 3, 4, 17, 160, 1000, 1188, 1200, 1300, 15, 64];
  // Consecutive runs longer than a batch, a jump forward, one back, and a sequence number rollover.
  const indexes = [...Array.from({ length: 40 }, (_, i) => 100 + i), 5000, 4999, ...Array.from({ length: 30 }, (_, i) => 0xffff - 10 + i)];
  for (const [n, index] of indexes.entries()) {
    const rolloverCounter = index >= 0x10000 ? 1 : 0;
    const sequenceNumber = index & 0xffff;
    const rtp = header(ssrc, sequenceNumber, n % 3 === 0 ? [{ id: 1, payload: Buffer.from('v') }] : []);
    const payload = randomBytes(sizes[n % sizes.length]!);
    const bytes = rtp.serialize(rtp.serializeSize);
    const expected = context.cipher.encryptRtp(rtp, payload, rolloverCounter);
    expect(srtp.protect(bytes, payload, sequenceNumber, rolloverCounter).equals(expected), `packet ${n} (index ${index})`).toBe(true);
  }
});

test('werift receive side decrypts and authenticates the protected packets; the inputs are left as they were', () => {
  const { receiver, protector } = sessions();
  const srtp = protector(1234);
  for (let sequenceNumber = 65_500; sequenceNumber < 65_500 + 60; sequenceNumber++) {
    const rtp = header(1234, sequenceNumber & 0xffff);
    const bytes = rtp.serialize(rtp.serializeSize);
    const payload = randomBytes(900 + sequenceNumber % 13);
    const [before, payloadBefore] = [Buffer.from(bytes), Buffer.from(payload)];
    const packet = srtp.protect(bytes, payload, sequenceNumber & 0xffff, sequenceNumber >> 16);
    expect(bytes.equals(before) && payload.equals(payloadBefore)).toBe(true);
    const clear = receiver.decrypt(packet);
    expect(clear.subarray(bytes.length).equals(payload)).toBe(true);
  }
  // A packet handed over (a queued send) is not overwritten by the next one.
  const first = header(1234, 1);
  const kept = srtp.protect(first.serialize(first.serializeSize), randomBytes(500), 1, 2);
  const copy = Buffer.from(kept);
  srtp.keepLast();
  srtp.protect(first.serialize(first.serializeSize), randomBytes(500), 2, 2);
  expect(kept.equals(copy)).toBe(true);
  // A flipped bit fails authentication.
  const rtp = header(1234, 7);
  const packet = srtp.protect(rtp.serialize(rtp.serializeSize), randomBytes(100), 7, 1);
  packet[20]! ^= 1;
  expect(() => receiver.decrypt(packet)).toThrow(/authenticate/);
});
