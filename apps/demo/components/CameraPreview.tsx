'use client';

import { useEffect, useRef } from 'react';

/** The creator's own camera, muted so they do not hear themselves. */
export function CameraPreview({ stream }: { stream: MediaStream | null }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = videoRef.current;
    if (video) video.srcObject = stream;
  }, [stream]);
  return <video ref={videoRef} muted autoPlay playsInline aria-label="Your camera preview" />;
}
