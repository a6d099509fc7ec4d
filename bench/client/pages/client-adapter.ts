/** What each client's page implements: start publishing / playing, and stop. */
export interface Started {
  stop(): Promise<unknown> | unknown;
}

export interface ClientAdapter {
  /** Starts publishing `stream`; resolves when the client considers the call done (not necessarily connected). */
  publish(url: string, stream: MediaStream): Promise<Started>;
  /** Starts playing into `video` (the client or the adapter sets its srcObject). */
  play(url: string, video: HTMLVideoElement): Promise<Started>;
}
