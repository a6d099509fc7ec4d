'use client';
import { createContext, useContext, type ReactNode } from 'react';
import type { CodecPreferences, SessionOptions, TokenSource } from '@onair/core';

/** Defaults for every onair hook and component below the provider; a hook's own options win. */
export interface OnairDefaults extends CodecPreferences, Pick<SessionOptions, 'iceServers' | 'fetch' | 'RTCPeerConnection'> {
  /** A bearer token, or a function returning one (asked when a request needs it, and again after a 401). */
  token?: TokenSource;
}

const OnairContext = createContext<OnairDefaults>({});

/** Shares defaults (token source, ICE servers, codec preferences, fetch, RTCPeerConnection) with every hook below. */
export function OnairProvider({ children, ...defaults }: OnairDefaults & { children?: ReactNode }) {
  return <OnairContext.Provider value={defaults}>{children}</OnairContext.Provider>;
}

export const useOnairDefaults = (): OnairDefaults => useContext(OnairContext);
