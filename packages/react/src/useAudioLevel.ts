'use client';
import { useEffect, useState } from 'react';
import { releaseSharedAudioContext, acquireAudioContext } from './audioContext';

// The meter spans -60 dBFS (silence for a meter) to 0 dBFS, in 5 % steps so it re-renders only on visible change.
const FLOOR_DB = -60;
const STEPS = 20;
const FFT_SIZE = 512;
// Meters fall back slowly (per animation frame) so short sounds stay visible, as on a mixing desk.
const FALL_PER_FRAME = 0.92;

/** A 0–1 level of an audio track or a stream's audio, for meters; 0 without audio. Updates once per animation frame at most. */
export function useAudioLevel(source: MediaStream | MediaStreamTrack | null | undefined): number {
  const [level, setLevel] = useState(0);
  useEffect(() => {
    const stream = source && 'getTracks' in source ? source : source ? new MediaStream([source]) : null;
    if (!stream?.getAudioTracks().length || typeof AudioContext === 'undefined') return;
    const context = acquireAudioContext();
    const input = context.createMediaStreamSource(stream);
    const analyser = context.createAnalyser();
    analyser.fftSize = FFT_SIZE;
    input.connect(analyser);
    const samples = new Float32Array(FFT_SIZE);
    let frame = 0;
    let shown = 0;
    const measure = () => {
      analyser.getFloatTimeDomainData(samples);
      const rms = Math.sqrt(samples.reduce((sum, s) => sum + s * s, 0) / samples.length);
      const db = 20 * Math.log10(rms || 1e-9);
      shown = Math.max(Math.min(1, Math.max(0, 1 - db / FLOOR_DB)), shown * FALL_PER_FRAME);
      setLevel(Math.round(shown * STEPS) / STEPS);
      frame = requestAnimationFrame(measure);
    };
    measure();
    return () => {
      cancelAnimationFrame(frame);
      input.disconnect();
      releaseSharedAudioContext();
      setLevel(0);
    };
  }, [source]);
  return level;
}
