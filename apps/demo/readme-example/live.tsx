'use client';
// app/live.tsx: a client component for your pages
import { GoLiveButton, LivePlayer } from '@onair/react';

export const Studio = ({ whip }: { whip: string }) => <GoLiveButton url={whip} />; // camera + mic, Go live / End stream
export const Watch = ({ whep }: { whep: string }) => <LivePlayer url={whep} />; // muted autoplay, Unmute, overlays
