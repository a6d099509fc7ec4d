import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { OnairError, type WhepStatus } from '@onair/core';
import { createStoryLiveInput, localServerAvailable, type StoryLiveInput } from '../../../.storybook/localServer';
import { LiveStoryNote } from '../../../.storybook/LiveStoryNote';
import { GoLiveButton } from './GoLiveButton';
import { LivePlayer } from './LivePlayer';
import { SimulatedSession, type SimulatedScript } from './simulatedSession';
import { createTestPattern } from './testPattern';

type Story = StoryObj<typeof LivePlayer>;

// A fresh simulated session per render (no server): the stream is a canvas test pattern, with a tone when it has sound.
const withSession = (script: () => SimulatedScript<WhepStatus>): Pick<Story, 'loaders' | 'render'> => ({
  loaders: [() => ({ session: new SimulatedSession<WhepStatus>(script()) })],
  render: (args, { loaded }) => <LivePlayer {...args} session={loaded.session as SimulatedSession<WhepStatus>} />,
});
const playing = (stream: () => MediaStream, extra: SimulatedScript<WhepStatus> = {}) => () => ({
  onStart: [{ status: 'connecting' as const }, { status: 'playing' as const, stream: stream() }],
  ...extra,
});
const withSound = () => createTestPattern({ audio: true });

const root = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-onair="live-player"]')!;
const video = (canvasElement: HTMLElement) => canvasElement.querySelector('video')!;
const overlay = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-onair="live-player-overlay"]');

const meta = {
  title: 'Components/LivePlayer',
  component: LivePlayer,
  args: { style: { width: 'min(480px, 90vw)' } },
  parameters: { docs: { description: { component: 'Muted autoplay over WHEP, with overlays, sound, stats and full screen. Every state below comes from a simulated session; the last story plays through the local server.' } } },
} satisfies Meta<typeof LivePlayer>;
export default meta;

/** `autoPlay={false}`: nothing starts by itself; the overlay offers Play. */
export const Idle: Story = {
  ...withSession(playing(() => createTestPattern())),
  args: { autoPlay: false },
  play: async ({ canvasElement, canvas, userEvent }) => {
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'idle');
    await expect(root(canvasElement)).toHaveAccessibleName('Live video');
    await expect(overlay(canvasElement)).toHaveAttribute('data-state', 'idle');
    const player = video(canvasElement);
    await expect(player.muted).toBe(true);
    await expect(player.autoplay).toBe(true);
    await expect(player.playsInline).toBe(true);
    await userEvent.click(canvas.getByRole('button', { name: 'Play' }));
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'playing'));
    await expect(overlay(canvasElement)).toBeNull();
  },
};

export const Connecting: Story = {
  ...withSession(() => ({ onStart: [{ status: 'connecting' }], stepMs: 60_000 })),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'connecting'));
    await expect(root(canvasElement)).toHaveAttribute('aria-busy', 'true');
    await expect(overlay(canvasElement)).toHaveTextContent('Connecting…');
  },
};

export const Waiting: Story = {
  ...withSession(() => ({ onStart: [{ status: 'connecting' }, { status: 'waiting' }] })),
  play: async ({ canvasElement, canvas }) => {
    await waitFor(() => expect(overlay(canvasElement)).toHaveAttribute('data-state', 'waiting'));
    await expect(overlay(canvasElement)).toHaveTextContent('Waiting for the stream to start');
    await expect(canvas.getByRole('status')).toHaveTextContent('Waiting for the stream to start');
    await expect(root(canvasElement)).toHaveAttribute('aria-busy', 'false');
  },
};

/** Muted autoplay with sound available: the Unmute button shows, and a click gives sound. */
export const Playing: Story = {
  ...withSession(playing(withSound)),
  play: async ({ canvasElement, canvas, userEvent }) => {
    const player = video(canvasElement);
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'playing'));
    await waitFor(() => expect(player.currentTime).toBeGreaterThan(0), { timeout: 5_000 });
    await expect(overlay(canvasElement)).toBeNull();
    await expect(canvas.getByRole('status')).toHaveTextContent('Playing');
    const unmute = await canvas.findByRole('button', { name: 'Unmute' });
    await userEvent.click(unmute);
    await expect(player.muted).toBe(false);
    await expect(canvas.getByRole('button', { name: 'Mute' })).toHaveAttribute('data-state', 'unmuted');
  },
};

/** A stream without sound: no Unmute button (there is nothing to hear). */
export const PlayingWithoutSound: Story = {
  ...withSession(playing(() => createTestPattern())),
  play: async ({ canvasElement, canvas }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-media', 'video'));
    await expect(canvas.queryByRole('button', { name: /mute/i })).toBeNull();
  },
};

/** Sound and no picture: "Audio only" and a level meter instead of a black box. */
export const AudioOnly: Story = {
  ...withSession(playing(() => createTestPattern({ audio: true, video: false }))),
  play: async ({ canvasElement, canvas }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-media', 'audio'));
    await expect(await canvas.findByText('Audio only')).toBeVisible();
    const meter = canvas.getByRole('meter', { name: 'Audio level' });
    await waitFor(() => expect(Number(meter.getAttribute('aria-valuenow'))).toBeGreaterThan(0), { timeout: 5_000 });
    await expect(canvas.queryByRole('button', { name: 'Picture-in-picture' })).toBeNull();
  },
};

/**
 * The creator pressed End stream: the player says so (not "reconnecting") and waits for them to return.
 * The last stream (with sound) is still attached, but nothing plays: no Unmute button.
 */
export const CreatorEnded: Story = {
  ...withSession(() => ({ initial: { status: 'waiting', streamEnded: true, stream: withSound() } })),
  args: { autoPlay: false },
  play: async ({ canvasElement, canvas }) => {
    await expect(overlay(canvasElement)).toHaveAttribute('data-state', 'ended');
    await expect(overlay(canvasElement)).toHaveTextContent('The stream has ended');
    await expect(canvas.getByRole('status')).toHaveTextContent('The stream has ended');
    await expect(canvas.queryByRole('button', { name: /mute/i })).toBeNull();
  },
};

/** The picture and sound hold while the connection heals: Unmute stays. */
export const Reconnecting: Story = {
  ...withSession(() => ({ initial: { status: 'reconnecting', stream: withSound() } })),
  args: { autoPlay: false },
  play: async ({ canvasElement, canvas }) => {
    await expect(overlay(canvasElement)).toHaveAttribute('data-state', 'reconnecting');
    await expect(overlay(canvasElement)).toHaveTextContent('Connection lost, reconnecting…');
    await expect(canvas.getByRole('button', { name: 'Unmute' })).toBeVisible();
  },
};

/** Stopped by the app (`stop()`): a Play button starts again. */
export const Stopped: Story = {
  ...withSession(() => ({ initial: { status: 'ended' }, ...playing(() => createTestPattern())() })),
  args: { autoPlay: false },
  play: async ({ canvasElement, canvas, userEvent }) => {
    await expect(overlay(canvasElement)).toHaveAttribute('data-state', 'stopped');
    await userEvent.click(canvas.getByRole('button', { name: 'Play' }));
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'playing'));
  },
};

export const Failed: Story = {
  ...withSession(() => ({
    onStart: [{ status: 'connecting' }, { status: 'failed', error: new OnairError('network', 'The server is unreachable: check your connection and retry') }],
  })),
  play: async ({ canvasElement, canvas, userEvent }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'failed'));
    await expect(root(canvasElement)).toHaveAttribute('data-error', 'network');
    await expect(overlay(canvasElement)).toHaveTextContent('The server is unreachable');
    await userEvent.click(canvas.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'connecting'));
  },
};

export const WithStats: Story = {
  ...withSession(
    playing(() => createTestPattern(), {
      stats: { bitrate: 2_400_000, fps: 30, width: 1280, height: 720, codec: 'VP8', rtt: 0.012, candidatePairType: 'host/host' },
    }),
  ),
  args: { stats: true },
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(canvasElement.querySelector('[data-onair="live-player-stats"]')).not.toBeNull(), { timeout: 5_000 });
    const stats = canvasElement.querySelector<HTMLElement>('[data-onair="live-player-stats"]')!;
    await waitFor(() => expect(stats).toHaveTextContent(/Bitrate\s*2\.4 Mbps/), { timeout: 5_000 });
    await expect(stats).toHaveTextContent('1280×720');
    await expect(stats).toHaveTextContent('VP8');
    await expect(stats).toHaveTextContent('12 ms');
  },
};

/** A phone-sized player (390 px): the stats shrink to four readings in a corner, the rest only for screen readers. */
export const WithStatsOnAPhone: Story = {
  ...WithStats,
  args: { stats: true, style: { width: 'min(390px, 90vw)' } },
  play: async ({ canvasElement }) => {
    const stats = await waitFor(() => {
      const found = canvasElement.querySelector<HTMLElement>('[data-onair="live-player-stats"]');
      expect(found).toHaveTextContent('Round trip');
      return found!;
    }, { timeout: 5_000 });
    const area = (element: HTMLElement) => element.getBoundingClientRect().width * element.getBoundingClientRect().height;
    // It covered ~40% of the picture with every reading in two columns across the top.
    await expect(area(stats) / area(root(canvasElement))).toBeLessThan(0.15);
    await expect(canvasElement.querySelector('dt:nth-of-type(5)')).toHaveTextContent('Round trip');
  },
};

export const ViewerCount: Story = {
  ...withSession(playing(() => createTestPattern(), { initial: { status: 'idle', viewerCount: 12 } })),
  play: async ({ canvas }) => {
    await expect(canvas.getByText('12 watching')).toBeVisible();
  },
};

/** Keyboard only: Tab reaches every control, Enter and Space use them. */
export const KeyboardOnly: Story = {
  ...withSession(playing(withSound)),
  play: async ({ canvasElement, canvas, userEvent }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-media', 'video'));
    await canvas.findByRole('button', { name: 'Unmute' });
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Unmute' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await expect(video(canvasElement).muted).toBe(false);
    await expect(canvas.getByRole('button', { name: 'Mute' })).toHaveFocus();
    await userEvent.keyboard(' ');
    await expect(video(canvasElement).muted).toBe(true);
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Picture-in-picture' })).toHaveFocus();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Full screen' })).toHaveFocus();
  },
};

/** Parts composed into another layout: an app's own player, same behaviour. */
export const ComposedParts: Story = {
  loaders: [() => ({ session: new SimulatedSession<WhepStatus>(playing(withSound, { initial: { status: 'idle', viewerCount: 3 } })()) })],
  render: (_args, { loaded }) => (
    <LivePlayer.Root session={loaded.session as SimulatedSession<WhepStatus>} aria-label="Main stage" style={{ width: 'min(480px, 90vw)' }}>
      <LivePlayer.Video />
      <LivePlayer.Overlay />
      <LivePlayer.ViewerCount />
      <div data-onair="live-player-controls">
        <LivePlayer.MuteButton />
        <LivePlayer.FullscreenButton />
      </div>
      <LivePlayer.Announcer />
    </LivePlayer.Root>
  ),
  play: async ({ canvasElement, canvas }) => {
    await expect(root(canvasElement)).toHaveAccessibleName('Main stage');
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'playing'));
    await expect(canvas.getByText('3 watching')).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Unmute' })).toBeVisible();
  },
};

/** Real media: publish Chromium's camera with GoLiveButton and watch it here, through the local server Storybook started. */
export const LiveOnLocalServer: Story = {
  loaders: [async () => ({ input: await createStoryLiveInput('LivePlayer story') })],
  render: (args, { loaded }) => {
    const input = loaded.input as StoryLiveInput | null;
    if (!input) return <LiveStoryNote />;
    return (
      <div style={{ display: 'grid', gap: 12, justifyItems: 'start' }}>
        <GoLiveButton url={input.whipUrl} />
        <LivePlayer {...args} url={input.whepUrl} stats />
      </div>
    );
  },
  play: async ({ canvasElement, canvas, userEvent }) => {
    if (!localServerAvailable) return;
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'waiting'), { timeout: 15_000 });
    await userEvent.click(canvas.getByRole('button', { name: 'Go live' }));
    // The overlay's text in the failure message says why, if it fails.
    await waitFor(() => expect(`${root(canvasElement).dataset.state}: ${overlay(canvasElement)?.textContent}`).toBe('playing: undefined'), { timeout: 20_000 });
    await waitFor(() => expect(video(canvasElement).getVideoPlaybackQuality().totalVideoFrames).toBeGreaterThan(0), { timeout: 10_000 });
    // The microphone's first packets may come a moment after the first frame.
    await expect(await within(root(canvasElement)).findByRole('button', { name: 'Unmute' }, { timeout: 10_000 })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'End stream' }));
    await waitFor(() => expect(canvas.getByRole('button', { name: 'Go live again' })).toBeVisible(), { timeout: 10_000 });
  },
};
