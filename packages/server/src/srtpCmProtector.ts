import { createCipheriv, hash, type Cipher } from 'node:crypto';

/** SRTP session keys (RFC 3711 §4.3) of AES_CM_128_HMAC_SHA1_80, as werift's SRTP context derives them. */
export interface SrtpCmKeys {
  /** 16-byte AES session key. */
  sessionKey: Buffer;
  /** 14-byte session salt. */
  sessionSalt: Buffer;
  /** 20-byte HMAC-SHA1 session authentication key. */
  authKey: Buffer;
}

/** Packets whose keystream one AES call makes ahead of time. */
const BATCH = 16;
const TAG_LENGTH = 10;
/** SHA-1's block: HMAC's padded keys fill one each. */
const BLOCK = 64;

/**
 * Protects one outgoing RTP stream (one SSRC) with AES_CM_128_HMAC_SHA1_80 (RFC 3711), byte for
 * byte what werift's cipher makes, at a third of its cost. werift (like any user of node:crypto)
 * creates a new AES-CTR cipher and a new HMAC per packet, and Node's per-call overhead, not the
 * AES or SHA-1, is most of the ~7 µs that takes. Here:
 * - the keystream comes from one AES-ECB context per stream that encrypts the counter blocks of the
 *   next 16 packets in one call (AES-CM's keystream depends only on the packet index, which a
 *   sender knows in advance), and is XORed in 32-bit words;
 * - the HMAC is two one-shot `crypto.hash` calls over buffers that already hold the padded keys.
 */
export class SrtpCmProtector {
  private readonly ecb: Cipher;
  /** Counter-block words 0–2 without the packet index: salt XOR (0 | SSRC | 0), read little-endian. */
  private readonly baseWords: Int32Array;
  /** The keystream of packet indexes [batchStart, batchStart + BATCH), `slotBlocks` blocks each. */
  private batchStart = -1;
  private slotBlocks = 0;
  private keystream: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private counters = Buffer.alloc(0);
  /** (key XOR ipad) | header | payload | ROC: the inner hash's input, built in place. */
  private work = Buffer.alloc(0);
  private work32 = new Int32Array(0);
  /** (key XOR opad) | inner digest. */
  private readonly outer = Buffer.alloc(BLOCK + 20);

  constructor(
    private readonly keys: SrtpCmKeys,
    ssrc: number,
  ) {
    this.ecb = createCipheriv('aes-128-ecb', keys.sessionKey, null);
    this.ecb.setAutoPadding(false);
    const base = Buffer.alloc(16);
    base.writeUInt32BE(ssrc, 4);
    for (let i = 0; i < keys.sessionSalt.length; i++) base[i]! ^= keys.sessionSalt[i]!;
    this.baseWords = new Int32Array([base.readInt32LE(0), base.readInt32LE(4), base.readInt32LE(8), base.readInt32LE(12)]);
    for (let i = 0; i < BLOCK; i++) this.outer[i] = (keys.authKey[i] ?? 0) ^ 0x5c;
    this.ensureWork(1500);
  }

  /** The SRTP packet of RTP `header` (whole, its length a multiple of 4) + `payload`. */
  protect(header: Buffer, payload: Buffer, sequenceNumber: number, rolloverCounter: number): Buffer {
    const index = rolloverCounter * 0x10000 + sequenceNumber;
    const blocks = (payload.length + 15) >>> 4;
    if (index < this.batchStart || index >= this.batchStart + BATCH || blocks > this.slotBlocks) this.fill(index, blocks);

    const headerEnd = BLOCK + header.length;
    const end = headerEnd + payload.length;
    this.ensureWork(end + 4);
    const { work, work32, keystream } = this;
    header.copy(work, BLOCK);
    payload.copy(work, headerEnd);
    // header.length is a multiple of 4 (RFC 3550), so the payload starts on a word.
    const first = headerEnd >>> 2;
    const words = (payload.length + 3) >>> 2;
    const slot = (index - this.batchStart) * this.slotBlocks * 4;
    for (let i = 0; i < words; i++) work32[first + i]! ^= keystream[slot + i]!;
    work.writeUInt32BE(rolloverCounter >>> 0, end);

    const inner = hash('sha1', work.subarray(0, end + 4), 'buffer') as unknown as Buffer;
    inner.copy(this.outer, BLOCK);
    const tag = hash('sha1', this.outer, 'buffer') as unknown as Buffer;
    const packet = Buffer.allocUnsafe(end - BLOCK + TAG_LENGTH);
    work.copy(packet, 0, BLOCK, end);
    tag.copy(packet, end - BLOCK, 0, TAG_LENGTH);
    return packet;
  }

  /** Keystream for the BATCH packets from `index` on, at least `blocks` blocks each. */
  private fill(index: number, blocks: number): void {
    this.slotBlocks = Math.max(this.slotBlocks, blocks);
    const slotBlocks = this.slotBlocks;
    const size = BATCH * slotBlocks * 16;
    if (this.counters.length !== size) this.counters = Buffer.alloc(size);
    const counters = new Int32Array(this.counters.buffer, this.counters.byteOffset, size >>> 2);
    const [w0, w1, w2, w3] = this.baseWords as unknown as [number, number, number, number];
    let at = 0;
    for (let s = 0; s < BATCH; s++) {
      // Counter block (RFC 3711 §4.1.1): salt XOR (SSRC·2^64 + index·2^16), then the block number in the last 16 bits.
      const packetIndex = index + s;
      const roc = Math.floor(packetIndex / 0x10000) >>> 0;
      const seq = packetIndex & 0xffff;
      const word2 = w2 ^ bswap(roc);
      const word3 = w3 ^ ((seq >>> 8) | ((seq & 0xff) << 8));
      for (let b = 0; b < slotBlocks; b++) {
        counters[at++] = w0;
        counters[at++] = w1;
        counters[at++] = word2;
        counters[at++] = word3 ^ (((b >>> 8) & 0xff) << 16) ^ ((b & 0xff) << 24);
      }
    }
    let stream = this.ecb.update(this.counters);
    // Node returns it at offset 0 of its own memory; a copy (pool slices are 8-aligned) if it ever is not.
    if (stream.byteOffset & 3) stream = Buffer.from(stream);
    this.keystream = new Int32Array(stream.buffer, stream.byteOffset, stream.length >>> 2);
    this.batchStart = index;
  }

  private ensureWork(length: number): void {
    if (this.work.length >= length) return;
    // Word-aligned (a fresh ArrayBuffer) so the XOR can run on 32-bit words.
    const work = Buffer.from(new ArrayBuffer((length + 7) & ~7));
    for (let i = 0; i < BLOCK; i++) work[i] = (this.keys.authKey[i] ?? 0) ^ 0x36;
    this.work = work;
    this.work32 = new Int32Array(work.buffer);
  }
}

/** A 32-bit value as the little-endian word of its big-endian bytes. */
function bswap(value: number): number {
  return ((value >>> 24) | ((value >>> 8) & 0xff00) | ((value & 0xff00) << 8) | ((value & 0xff) << 24)) | 0;
}
