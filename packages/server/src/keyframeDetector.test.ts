import { expect, test } from 'vitest';
import { startsKeyframe } from './keyframeDetector.js';

const b = (...bytes: number[]) => Buffer.from(bytes);

test('VP8: S=1, PID=0 and P=0, with or without extensions', () => {
  expect(startsKeyframe('video/VP8', b(0x10, 0x9c, 0x01, 0x2a))).toBe(true);
  expect(startsKeyframe('video/VP8', b(0x10, 0x01))).toBe(false); // P=1: interframe
  expect(startsKeyframe('video/VP8', b(0x00, 0x00))).toBe(false); // not the start
  // X=1, I=1 with a 15-bit picture id, then the VP8 header.
  expect(startsKeyframe('video/VP8', b(0x90, 0x80, 0x81, 0x23, 0x10))).toBe(true);
  expect(startsKeyframe('video/VP8', b(0x90, 0x80, 0x81, 0x23, 0x11))).toBe(false);
});

test('VP9: beginning of a non-predicted frame', () => {
  expect(startsKeyframe('video/VP9', b(0x88))).toBe(true); // I=1 B=1 P=0
  expect(startsKeyframe('video/VP9', b(0xc8))).toBe(false); // P=1
  expect(startsKeyframe('video/VP9', b(0x80))).toBe(false); // not the beginning
});

test('H.264: SPS/IDR single, STAP-A and FU-A start', () => {
  expect(startsKeyframe('video/H264', b(0x67, 0x42))).toBe(true);
  expect(startsKeyframe('video/H264', b(0x65, 0x88))).toBe(true);
  expect(startsKeyframe('video/H264', b(0x41, 0x9a))).toBe(false);
  expect(startsKeyframe('video/H264', b(0x78, 0x00, 0x02, 0x67, 0x42, 0x00, 0x02, 0x68, 0xce))).toBe(true);
  expect(startsKeyframe('video/H264', b(0x7c, 0x85, 0x88))).toBe(true); // FU-A start of IDR
  expect(startsKeyframe('video/H264', b(0x7c, 0x45, 0x88))).toBe(false); // FU-A end
});

test('AV1: new coded video sequence', () => {
  expect(startsKeyframe('video/AV1', b(0x18))).toBe(true);
  expect(startsKeyframe('video/AV1', b(0x10))).toBe(false);
  expect(startsKeyframe('audio/opus', b(0xff))).toBe(false);
});
