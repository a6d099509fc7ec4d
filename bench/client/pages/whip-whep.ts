// medooze whip-whep: the same adapter the interop suite drives, timed by the bench harness.
import { whipWhepClient } from '../../../tests/interop/support/page/whipWhepClient.ts';
import { installBench } from './harness.ts';

installBench({
  publish: async (url, stream) => ({ stop: await whipWhepClient.publish(url, stream) }),
  play: async (url, video) => ({ stop: await whipWhepClient.play(url, video) }),
});
