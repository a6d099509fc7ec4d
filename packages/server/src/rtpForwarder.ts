import type { GenericNack, RTCRtpCodecParameters, RTCRtpSender, RtpPacket } from 'werift';
import { endianness } from 'node:os';
import { ProtectionProfileAes128CmHmacSha1_80, RTP_EXTENSION_URI, RtpHeader, RtpPacket as WeriftRtpPacket, wrapRtx } from 'werift';
import { ABS_CAPTURE_TIME_URI } from './codecs.js';
import { SrtpCmProtector } from './srtpCmProtector.js';

/**
 * The parts of werift 0.24.4 (pinned, patched) a forwarder drives directly. werift's own
 * `sendRtp` does the same work generically, per packet and per viewer: it parses or copies the
 * packet, rebuilds and sorts the header extensions, serializes the header, takes an NTP timestamp
 * through string parsing, updates bandwidth-estimation bookkeeping and goes through five promises
 * to the UDP socket. At a few hundred viewers that was most of the fan-out's CPU (bench/fanout).
 */
interface SenderInternals {
  ssrc: number;
  mid?: string;
  codec?: RTCRtpCodecParameters;
  headerExtensions: { uri: string; id: number }[];
  rtxPayloadType?: number;
  rtxSsrc: number;
  rtxSequenceNumber: number;
  packetCount: number;
  octetCount: number;
  rtpTimestamp: number;
  ntpTimestamp: bigint;
  retransmittedPacketsSent: number;
  retransmittedBytesSent: number;
  rtcpRunning: boolean;
  runRtcp(): Promise<void>;
  onGenericNack: { subscribe(listener: (nack: GenericNack) => void): { unSubscribe(): void } };
}

interface SrtpState {
  rolloverCounter: number;
}

interface TransportInternals {
  state: string;
  sendRtp(payload: Buffer, header: RtpHeader): Promise<number>;
  srtp?: {
    localContext: {
      profile: number;
      srtpSessionKey: Buffer;
      srtpSessionSalt: Buffer;
      srtpSessionAuthTag: Buffer;
      getSrtpSsrcState(ssrc: number): SrtpState;
      updateRolloverCount(sequenceNumber: number, state: SrtpState): void;
      cipher: { encryptRtp(header: HeaderBytes, payload: Buffer, rolloverCounter: number): Buffer };
    };
  };
  packetsSent: number;
  bytesSent: number;
  iceTransport: { connection: ConnectionInternals };
}

interface ConnectionInternals {
  canSendApplicationData(): boolean;
  nominated?: {
    protocol: { type: string; transport?: { type: string; closed: boolean; socket: { send(data: Buffer, port: number, host: string): void; getSendQueueCount(): number } } };
    remoteCandidate: { host: string; port: number };
    packetsSent: number;
    bytesSent: number;
  };
  send(data: Buffer): Promise<void>;
}

/**
 * What werift's SRTP ciphers read from an RtpHeader: its bytes, SSRC and sequence number. One per
 * forwarder, refilled per packet (the cipher keeps nothing of it).
 */
class HeaderBytes {
  ssrc = 0;
  sequenceNumber = 0;
  bytes: Buffer = Buffer.alloc(0);
  get serializeSize(): number {
    return this.bytes.length;
  }
  serialize(): Buffer {
    return this.bytes;
  }
}

/** SrtpCmProtector works on 32-bit words in the host's byte order, written for little-endian. */
const FAST_SRTP = endianness() === 'LE';

/** Retransmissions can reach this far back (werift's sender keeps as many). */
const HISTORY = 128;
/** How often the NTP time paired with an RTP timestamp for sender reports is taken. */
const NTP_REFRESH_MS = 10;
/** Seconds from the NTP epoch (1900) to the Unix epoch (1970). */
const NTP_UNIX_OFFSET_S = 2_208_988_800;

/** RFC 3550 NTP timestamp (32.32 fixed point) of a performance.now() time. */
export function ntpTimestamp(now: number): bigint {
  const ms = performance.timeOrigin + now;
  const seconds = Math.floor(ms / 1000);
  const fraction = Math.floor(((ms - seconds * 1000) / 1000) * 2 ** 32);
  return (BigInt(seconds + NTP_UNIX_OFFSET_S) << 32n) | BigInt(fraction);
}

/**
 * Sends the creator's RTP packets to one viewer's werift sender: the viewer's header (its SSRC,
 * payload type and MID extension) is written once and patched per packet (marker, sequence
 * number, timestamp), then SRTP-encrypted with the viewer's keys and sent on the nominated UDP
 * socket without a promise. The creator's packet is shared, never changed. Sender reports,
 * NACKs and RTX keep working: werift's RTCP loop reads the counters kept here, and NACKed
 * packets are resent from this forwarder's own history.
 */
export class RtpForwarder {
  private readonly sender: SenderInternals;
  /** Header bytes for the current codec and extensions; `template[1]` holds the payload type. */
  private template: Buffer = Buffer.alloc(0);
  private templateFor: { codec?: RTCRtpCodecParameters; extensions?: unknown } = {};
  /** The viewer's abs-capture-time id; undefined when it did not negotiate it (or one-byte headers cannot carry its id). */
  private captureTimeId: number | undefined;
  /** Outgoing = incoming + offset (mod 2^16 / 2^32): one stream for the viewer across creator changes. */
  private sequenceOffset = 0;
  private timestampOffset = 0;
  /** The incoming SSRC last forwarded, and when. */
  private source: number | undefined;
  private lastSentAt = 0;
  private lastSequence = 0;
  private lastTimestamp = 0;
  private ntpTakenAt = -Infinity;
  private readonly header = new HeaderBytes();
  /**
   * The SRTP context, this sender's rollover state in it and, for AES-CM, its protector (a new
   * context after renegotiation).
   */
  private srtpState: { context: unknown; state: SrtpState; protector: SrtpCmProtector | undefined } | undefined;
  private readonly history: (RtpPacket | undefined)[] = new Array(HISTORY);
  private readonly historySequence = new Int32Array(HISTORY).fill(-1);
  private readonly historyTimestamp = new Uint32Array(HISTORY);
  private readonly stopNacks: () => void;

  constructor(sender: RTCRtpSender) {
    this.sender = sender as unknown as SenderInternals;
    // werift's own NACK handler finds nothing (its history is filled only by its sendRtp): this one answers.
    this.stopNacks = this.sender.onGenericNack.subscribe((nack) => {
      for (const sequence of nack.lost) this.retransmit(sequence);
    }).unSubscribe;
  }

  /** The sender's transport, read each time: werift swaps it when the answer bundles. */
  private get transport(): TransportInternals {
    return (this.sender as unknown as RTCRtpSender).dtlsTransport as unknown as TransportInternals;
  }

  /**
   * Forwards `packet` (numbered `sequenceNumber` for this viewer, see FrameDropper) with its
   * `captureTime` (the creator's abs-capture-time payload, on a few packets) where the viewer
   * negotiated it; false when it was not sent because the viewer's transport is not up.
   */
  send(packet: RtpPacket, sequenceNumber = packet.header.sequenceNumber, captureTime?: Buffer): boolean {
    const { sender, transport } = this;
    const codec = sender.codec;
    const srtp = transport.srtp;
    if (transport.state !== 'connected' || !codec || !srtp) return false;
    const { header, payload } = packet;
    if (this.source !== header.ssrc) this.rebase(sequenceNumber, header.timestamp, header.ssrc, codec.clockRate);
    const sequence = (sequenceNumber + this.sequenceOffset) & 0xffff;
    const timestamp = (header.timestamp + this.timestampOffset) >>> 0;
    const bytes = this.headerBytes(codec, header.marker, sequence, timestamp, captureTime);
    this.encryptAndSend(srtp, bytes, payload, sender.ssrc, sequence);

    const slot = sequence % HISTORY;
    this.history[slot] = packet;
    this.historySequence[slot] = sequence;
    this.historyTimestamp[slot] = timestamp;
    const now = performance.now();
    this.lastSentAt = now;
    this.lastSequence = sequence;
    this.lastTimestamp = timestamp;
    sender.packetCount = (sender.packetCount + 1) >>> 0;
    sender.octetCount += payload.length;
    // A sender report pairs an RTP timestamp with the NTP time it was sent at: taken together.
    if (now - this.ntpTakenAt >= NTP_REFRESH_MS) {
      this.ntpTakenAt = now;
      sender.ntpTimestamp = ntpTimestamp(now);
      sender.rtpTimestamp = timestamp;
    }
    if (!sender.rtcpRunning) void sender.runRtcp().catch(() => undefined);
    return true;
  }

  close(): void {
    this.stopNacks();
  }

  /** A new creator (SSRC): its numbers continue the viewer's stream, its timestamps by the time elapsed. */
  private rebase(sequenceNumber: number, timestamp: number, ssrc: number, clockRate: number): void {
    if (this.source !== undefined) {
      this.sequenceOffset = (this.lastSequence + 1 - sequenceNumber) & 0xffff;
      const elapsed = Math.round(((performance.now() - this.lastSentAt) * clockRate) / 1000);
      this.timestampOffset = (this.lastTimestamp + Math.max(1, elapsed) - timestamp) >>> 0;
    }
    this.source = ssrc;
  }

  /**
   * V=2, the viewer's payload type and SSRC, and its MID as a one-byte header extension (RFC 8285);
   * with a capture time, that too, in a header of the packet's own (the template serves the rest).
   */
  private headerBytes(codec: RTCRtpCodecParameters, marker: boolean, sequence: number, timestamp: number, captureTime?: Buffer): Buffer {
    const { sender } = this;
    if (this.templateFor.codec !== codec || this.templateFor.extensions !== sender.headerExtensions) {
      this.templateFor = { codec, extensions: sender.headerExtensions };
      this.template = headerTemplate(codec.payloadType, sender.ssrc, midExtension(sender));
      const id = sender.headerExtensions.find((e) => e.uri === ABS_CAPTURE_TIME_URI)?.id;
      this.captureTimeId = id !== undefined && id < 15 ? id : undefined;
    }
    // The template is patched in place: the ciphers copy the header into the packet they build.
    const bytes =
      captureTime && this.captureTimeId !== undefined
        ? headerTemplate(codec.payloadType, sender.ssrc, [...midExtension(sender), { id: this.captureTimeId, payload: captureTime }])
        : this.template;
    bytes[1] = marker ? codec.payloadType | 0x80 : codec.payloadType;
    bytes.writeUInt16BE(sequence, 2);
    bytes.writeUInt32BE(timestamp, 4);
    return bytes;
  }

  private encryptAndSend(srtp: NonNullable<TransportInternals['srtp']>, bytes: Buffer, payload: Buffer, ssrc: number, sequence: number): void {
    const context = srtp.localContext;
    if (this.srtpState?.context !== context) {
      const protector =
        FAST_SRTP && context.profile === ProtectionProfileAes128CmHmacSha1_80
          ? new SrtpCmProtector({ sessionKey: context.srtpSessionKey, sessionSalt: context.srtpSessionSalt, authKey: context.srtpSessionAuthTag }, ssrc)
          : undefined;
      this.srtpState = { context, state: context.getSrtpSsrcState(ssrc), protector };
    }
    const { state, protector } = this.srtpState;
    context.updateRolloverCount(sequence, state);
    let packet: Buffer;
    // The protector's packet lives in its memory until the next one; werift's is a new buffer.
    if (protector) {
      packet = protector.protect(bytes, payload, sequence, state.rolloverCounter);
    } else {
      const { header } = this;
      header.ssrc = ssrc;
      header.sequenceNumber = sequence;
      header.bytes = bytes;
      packet = context.cipher.encryptRtp(header, payload, state.rolloverCounter);
    }
    const { transport } = this;
    transport.packetsSent++;
    transport.bytesSent += packet.length;
    const connection = transport.iceTransport.connection;
    if (!connection.canSendApplicationData()) return;
    const pair = connection.nominated!;
    const udp = pair.protocol.type === 'stun' ? pair.protocol.transport : undefined;
    if (udp?.type === 'udp') {
      if (udp.closed) return;
      // With the werift patch that resolves IP literals at once, this is one synchronous sendmsg.
      udp.socket.send(packet, pair.remoteCandidate.port, pair.remoteCandidate.host);
      // Sent unless the socket's buffer was full, which queues the send with the packet.
      if (udp.socket.getSendQueueCount() > 0) protector?.keepLast();
      pair.packetsSent++;
      pair.bytesSent += packet.length;
    } else {
      // TURN or TCP: werift's generic path.
      protector?.keepLast();
      void connection.send(packet).catch(() => undefined);
    }
  }

  /** A NACKed packet from the history, as werift's sender would resend it (on RTX when negotiated). */
  private retransmit(sequence: number): void {
    const slot = sequence % HISTORY;
    const original = this.history[slot];
    const { sender } = this;
    if (!original || this.historySequence[slot] !== sequence || !sender.codec) return;
    let packet: RtpPacket = new WeriftRtpPacket(
      new RtpHeader({
        payloadType: sender.codec.payloadType,
        marker: original.header.marker,
        sequenceNumber: sequence,
        timestamp: this.historyTimestamp[slot]!,
        ssrc: sender.ssrc,
        extensions: midExtension(sender),
      }),
      original.payload,
    );
    if (sender.rtxPayloadType !== undefined) {
      packet = wrapRtx(packet, sender.rtxPayloadType, sender.rtxSequenceNumber, sender.rtxSsrc);
      sender.rtxSequenceNumber = (sender.rtxSequenceNumber + 1) & 0xffff;
    }
    sender.retransmittedPacketsSent++;
    sender.retransmittedBytesSent += packet.payload.length;
    void this.transport.sendRtp(packet.payload, packet.header).catch(() => undefined);
  }
}

function midExtension(sender: SenderInternals): { id: number; payload: Buffer }[] {
  const extension = sender.headerExtensions.find((e) => e.uri === RTP_EXTENSION_URI.sdesMid);
  return extension && sender.mid ? [{ id: extension.id, payload: Buffer.from(sender.mid) }] : [];
}

function headerTemplate(payloadType: number, ssrc: number, extensions: { id: number; payload: Buffer }[]): Buffer {
  const header = new RtpHeader({ payloadType, ssrc, extensions });
  return header.serialize(header.serializeSize);
}
