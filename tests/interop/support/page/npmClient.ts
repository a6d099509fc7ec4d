/** A third-party WHIP/WHEP client from npm, used the way its README shows. Each call returns its stop. */
export interface NpmClient {
  publish(url: string, stream: MediaStream): Promise<() => unknown>;
  play(url: string, video: HTMLVideoElement): Promise<() => unknown>;
}
