import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import type { WhipStatus } from '@onair/core';
import { DeviceSelector } from './DeviceSelector';
import { GoLiveButton } from './GoLiveButton';
import { LocalPreview } from './LocalPreview';
import { SimulatedSession } from './simulatedSession';
import { useWhip } from './useWhip';

/**
 * The parts of a creator's studio around one publisher: the preview, the device pickers and the
 * button all share the one getUserMedia stream. The camera and microphone are the browser's own
 * (Chromium's fake ones in the test run); the session is simulated.
 */
function Studio({ session }: { session: SimulatedSession<WhipStatus> }) {
  const whip = useWhip({ session, preview: true });
  return (
    <div style={{ display: 'grid', gap: 12, width: 'min(420px, 92vw)' }}>
      <LocalPreview publisher={whip} />
      <DeviceSelector kind="videoinput" publisher={whip} />
      <DeviceSelector kind="audioinput" publisher={whip} />
      <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <button type="button" data-onair="button" onClick={() => whip.setMuted('video', !whip.muted.video)}>
          {whip.muted.video ? 'Turn camera on' : 'Turn camera off'}
        </button>
        <button type="button" data-onair="button" onClick={() => whip.setMuted('audio', !whip.muted.audio)}>
          {whip.muted.audio ? 'Unmute microphone' : 'Mute microphone'}
        </button>
        <GoLiveButton publisher={whip} />
      </div>
    </div>
  );
}

const meta = {
  title: 'Recipes/Studio',
  loaders: [() => ({ session: new SimulatedSession<WhipStatus>({ onStart: [{ status: 'connecting' }, { status: 'live' }], stepMs: 200 }) })],
  render: (_args, { loaded }) => <Studio session={loaded.session as SimulatedSession<WhipStatus>} />,
} satisfies Meta;
export default meta;

export const Preview: StoryObj = {
  play: async ({ canvasElement, canvas, userEvent, loaded }) => {
    const preview = canvasElement.querySelector<HTMLElement>('[data-onair="local-preview"]')!;
    await waitFor(() => expect(preview).toHaveAttribute('data-state', 'on'), { timeout: 10_000 });
    const meter = canvas.getByRole('meter', { name: 'Microphone level' });
    await waitFor(() => expect(Number(meter.getAttribute('aria-valuenow'))).toBeGreaterThan(0), { timeout: 10_000 });

    await userEvent.click(canvas.getByRole('button', { name: 'Turn camera off' }));
    await expect(preview).toHaveAttribute('data-state', 'camera-off');
    await userEvent.click(canvas.getByRole('button', { name: 'Turn camera on' }));

    // Going live publishes the previewed stream: no second getUserMedia.
    const previewed = canvasElement.querySelector('video')!.srcObject;
    await userEvent.click(canvas.getByRole('button', { name: 'Go live' }));
    await waitFor(() => expect(canvas.getByRole('button', { name: 'End stream' })).toHaveAttribute('data-state', 'live'));
    await expect((loaded.session as SimulatedSession<WhipStatus>).getSnapshot().stream).toBe(previewed);
  },
};
