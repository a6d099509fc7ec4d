/**
 * Whether an RTP payload starts a keyframe, per codec payload format. Used to keep the current
 * group of pictures for the keyframe cache; unknown codecs never match (no cache, PLI as usual).
 */
export function startsKeyframe(mimeType: string, payload: Buffer): boolean {
  switch (mimeType.toLowerCase()) {
    case 'video/vp8':
      return vp8(payload);
    case 'video/vp9':
      return vp9(payload);
    case 'video/h264':
      return h264(payload);
    case 'video/av1':
      return av1(payload);
    default:
      return false;
  }
}

/** RFC 7741: start of partition 0 (S=1, PID=0) whose VP8 header has P=0. */
function vp8(p: Buffer): boolean {
  if (p.length < 1) return false;
  const start = (p[0]! & 0x10) !== 0 && (p[0]! & 0x07) === 0;
  let offset = 1;
  if (p[0]! & 0x80) {
    const x = p[1] ?? 0;
    offset = 2;
    if (x & 0x80) offset += (p[offset] ?? 0) & 0x80 ? 2 : 1;
    if (x & 0x40) offset += 1;
    if (x & 0x30) offset += 1;
  }
  return start && offset < p.length && (p[offset]! & 0x01) === 0;
}

/** RFC 9628: beginning of a frame (B=1) that is not inter-picture predicted (P=0). */
function vp9(p: Buffer): boolean {
  return p.length > 0 && (p[0]! & 0x08) !== 0 && (p[0]! & 0x40) === 0;
}

const H264_IDR = 5;
const H264_SPS = 7;
const H264_STAP_A = 24;
const H264_FU_A = 28;

/** RFC 6184: an SPS or IDR NAL unit, alone, aggregated (STAP-A) or as the first fragment (FU-A). */
function h264(p: Buffer): boolean {
  if (p.length < 1) return false;
  const type = p[0]! & 0x1f;
  if (type === H264_IDR || type === H264_SPS) return true;
  if (type === H264_FU_A) return p.length > 1 && (p[1]! & 0x80) !== 0 && (p[1]! & 0x1f) === H264_IDR;
  if (type !== H264_STAP_A) return false;
  for (let offset = 1; offset + 2 < p.length; ) {
    const size = p.readUInt16BE(offset);
    const nal = p[offset + 2]! & 0x1f;
    if (nal === H264_IDR || nal === H264_SPS) return true;
    offset += 2 + size;
  }
  return false;
}

/** AV1 RTP spec: aggregation header with N=1 (new coded video sequence) and Z=0. */
function av1(p: Buffer): boolean {
  return p.length > 0 && (p[0]! & 0x08) !== 0 && (p[0]! & 0x80) === 0;
}
