// One AudioContext for every level meter on the page (browsers limit how many may run), closed when
// the last meter goes.
let shared: AudioContext | null = null;
let users = 0;

export function acquireAudioContext(): AudioContext {
  users += 1;
  shared ??= new AudioContext();
  // Created without a user gesture it may start suspended; resuming is allowed once the page had one.
  void shared.resume().catch(() => {});
  return shared;
}

export function releaseSharedAudioContext(): void {
  users -= 1;
  if (users > 0 || !shared) return;
  void shared.close().catch(() => {});
  shared = null;
}
