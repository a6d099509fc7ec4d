import { afterEach, expect, test, vi } from 'vitest';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.resetModules();
});

async function timingWith(debug: string | undefined) {
  vi.stubEnv('ONAIR_DEBUG', debug);
  vi.resetModules();
  const lines: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
  const { SessionTiming } = await import('./sessionTiming.js');
  return { timing: new SessionTiming('whip abc'), lines };
}

test('ONAIR_DEBUG=timing logs each stage once, with the time since the session began', async () => {
  const { timing, lines } = await timingWith('sse,timing');
  timing.mark('offer applied');
  timing.mark('offer applied');
  timing.mark('peer connected');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^onair timing whip abc \+\d+\.\d ms offer applied$/);
  expect(lines[1]).toMatch(/peer connected$/);
});

test('without it nothing is logged', async () => {
  const { timing, lines } = await timingWith(undefined);
  timing.mark('offer applied');
  expect(lines).toEqual([]);
});
