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
 * byte what werift's cipher makes, at a third of its cost (half that of werift's GCM). werift (like
 * any user of node:crypto) creates a new AES-CTR cipher and a new HMAC per packet, and Node's
 * per-call overhead, not the AES or SHA-1, is most of the ~9 µs that takes. Here:
 * - the keystream comes from one AES-ECB context per stream that encrypts the counter blocks of the
 *   next 16 packets in one call (AES-CM's keystream depends only on the packet index, which a
 *   sender knows in advance), and is XORed in 32-bit words;
 * - the HMAC's inner hash is one one-shot `crypto.hash` call over a buffer that already holds the
 *   padded key; its outer hash starts from a state computed once and needs one SHA-1 block.
 * Not a werift patch: it lives beside RtpForwarder, which knows its packets' indexes in advance;
 * the same could serve werift's own senders (to be offered to shinyoshiaki/werift-webrtc).
 * Rollover counters stay werift's (`updateRolloverCount`); SRTCP stays werift's.
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
  /** SHA-1 state after the outer hash's first block, (key XOR opad): only its second block is left per packet. */
  private readonly outerState: Int32Array;

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
    const opad = Buffer.alloc(BLOCK);
    for (let i = 0; i < BLOCK; i++) opad[i] = (keys.authKey[i] ?? 0) ^ 0x5c;
    for (let i = 0; i < 16; i++) schedule[i] = opad.readInt32BE(i * 4);
    this.outerState = Int32Array.from(SHA1_INITIAL);
    sha1Block(this.outerState);
    this.ensureWork(1500);
  }

  /**
   * The SRTP packet of RTP `header` (whole, its length a multiple of 4) + `payload`, built in this
   * protector's own memory: valid until the next call, unless `keepLast()` hands it over.
   */
  protect(header: Buffer, payload: Buffer, sequenceNumber: number, rolloverCounter: number): Buffer {
    const index = rolloverCounter * 0x10000 + sequenceNumber;
    const blocks = (payload.length + 15) >>> 4;
    if (index < this.batchStart || index >= this.batchStart + BATCH || blocks > this.slotBlocks) this.fill(index, blocks);

    const headerEnd = BLOCK + header.length;
    const end = headerEnd + payload.length;
    this.ensureWork(end + TAG_LENGTH);
    const { work, work32, keystream } = this;
    header.copy(work, BLOCK);
    payload.copy(work, headerEnd);
    // header.length is a multiple of 4 (RFC 3550), so the payload starts on a word.
    const first = headerEnd >>> 2;
    const words = (payload.length + 3) >>> 2;
    const slot = (index - this.batchStart) * this.slotBlocks * 4;
    for (let i = 0; i < words; i++) work32[first + i]! ^= keystream[slot + i]!;
    work.writeUInt32BE(rolloverCounter >>> 0, end);

    // As a 'binary' (latin1) string, one char per byte: a Buffer would cost a backing store per packet.
    const inner = hash('sha1', work.subarray(0, end + 4), 'binary');
    // The outer hash's last block: the inner digest, padding and the length (84 bytes), hashed
    // here: a second native call would cost several times these 80 rounds.
    for (let i = 0; i < 5; i++) {
      const at = i * 4;
      schedule[i] = (inner.charCodeAt(at) << 24) | (inner.charCodeAt(at + 1) << 16) | (inner.charCodeAt(at + 2) << 8) | inner.charCodeAt(at + 3);
    }
    schedule[5] = 0x80000000 | 0;
    schedule.fill(0, 6, 15);
    schedule[15] = (BLOCK + 20) * 8;
    const digest = outerDigest;
    digest.set(this.outerState);
    sha1Block(digest);
    // The tag replaces the ROC, which is authenticated but not sent.
    work.writeInt32BE(digest[0]!, end);
    work.writeInt32BE(digest[1]!, end + 4);
    work.writeUInt16BE(digest[2]! >>> 16, end + 8);
    return work.subarray(BLOCK, end + TAG_LENGTH);
  }

  /** The last packet stays in use elsewhere (a send that was queued): the next is built in new memory. */
  keepLast(): void {
    this.work = Buffer.alloc(0);
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

const SHA1_INITIAL = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];
/** SHA-1's message schedule: the block's 16 words on entry (shared: protect() runs to completion). */
const schedule = new Int32Array(80);
const outerDigest = new Int32Array(5);

/** One SHA-1 compression (FIPS 180-4 §6.1.2) of `schedule`'s block into `state`. */
function sha1Block(state: Int32Array): void {
  const w = schedule;
  for (let t = 16; t < 80; t++) {
    const x = w[t - 3]! ^ w[t - 8]! ^ w[t - 14]! ^ w[t - 16]!;
    w[t] = (x << 1) | (x >>> 31);
  }
  let a = state[0]!;
  let b = state[1]!;
  let c = state[2]!;
  let d = state[3]!;
  let e = state[4]!;
  for (let t = 0; t < 80; t++) {
    let f: number;
    let k: number;
    if (t < 20) {
      f = (b & c) | (~b & d);
      k = 0x5a827999;
    } else if (t < 40) {
      f = b ^ c ^ d;
      k = 0x6ed9eba1;
    } else if (t < 60) {
      f = (b & c) | (b & d) | (c & d);
      k = 0x8f1bbcdc;
    } else {
      f = b ^ c ^ d;
      k = 0xca62c1d6;
    }
    const next = (((a << 5) | (a >>> 27)) + f + e + k + w[t]!) | 0;
    e = d;
    d = c;
    c = (b << 30) | (b >>> 2);
    b = a;
    a = next;
  }
  state[0] = (state[0]! + a) | 0;
  state[1] = (state[1]! + b) | 0;
  state[2] = (state[2]! + c) | 0;
  state[3] = (state[3]! + d) | 0;
  state[4] = (state[4]! + e) | 0;
}

/** A 32-bit value as the little-endian word of its big-endian bytes. */
function bswap(value: number): number {
  return ((value >>> 24) | ((value >>> 8) & 0xff00) | ((value & 0xff00) << 8) | ((value & 0xff) << 24)) | 0;
}
