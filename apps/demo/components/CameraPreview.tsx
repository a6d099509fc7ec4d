'use client';

import { useEffect, useRef } from 'react';

/** The creator's own camera, mirrored like a mirror (viewers see it unmirrored) and muted so they do not hear themselves. */
export function CameraPreview({ stream }: { stream: MediaStream | null }) {
  const videoRef = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const video = videoRef.current;
    if (video) video.srcObject = stream;
  }, [stream]);
  return <video ref={videoRef} className="mirrored" muted autoPlay playsInline aria-label="Your camera preview" data-testid="camera-preview" />;
}
