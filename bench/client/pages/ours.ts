import { WhepSession, WhipSession } from '@onair/core';
import { installBench } from './harness.ts';

installBench({
  async publish(url, stream) {
    const session = new WhipSession({ url, iceServers: [] });
    await session.start(stream);
    return session;
  },
  async play(url, video) {
    const session = new WhepSession({ url, iceServers: [] });
    session.subscribe(() => {
      const { stream } = session.getSnapshot();
      if (stream && video.srcObject !== stream) video.srcObject = stream;
    });
    await session.start();
    return session;
  },
});
