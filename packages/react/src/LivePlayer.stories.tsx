import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { OnairError, type WhepStatus } from '@onair/core';
import { LivePlayer } from './LivePlayer';
import { SimulatedSession, type SimulatedScript } from './simulatedSession';
import { createTestPattern } from './testPattern';

type Story = StoryObj<typeof LivePlayer>;

// A fresh simulated session per render (no server): the stream is a canvas test pattern.
const withSession = (script: () => SimulatedScript<WhepStatus>): Pick<Story, 'loaders' | 'render'> => ({
  loaders: [() => ({ session: new SimulatedSession<WhepStatus>(script()) })],
  render: (args, { loaded }) => <LivePlayer {...args} session={loaded.session as SimulatedSession<WhepStatus>} />,
});

const video = (canvasElement: HTMLElement) => canvasElement.querySelector('video') as HTMLVideoElement;

const meta = {
  title: 'Components/LivePlayer',
  component: LivePlayer,
  args: { width: 480, height: 270 },
} satisfies Meta<typeof LivePlayer>;
export default meta;

export const Idle: Story = {
  ...withSession(() => ({})),
  play: async ({ canvasElement }) => {
    const player = video(canvasElement);
    await expect(player).toHaveAttribute('data-state', 'idle');
    await expect(player.muted).toBe(true);
    await expect(player.autoplay).toBe(true);
    await expect(player.playsInline).toBe(true);
  },
};

export const Connecting: Story = {
  ...withSession(() => ({ onStart: [{ status: 'connecting' }] })),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(video(canvasElement)).toHaveAttribute('data-state', 'connecting'));
  },
};

export const Waiting: Story = {
  ...withSession(() => ({ onStart: [{ status: 'connecting' }, { status: 'waiting' }] })),
  play: async ({ canvasElement }) => {
    await waitFor(() => expect(video(canvasElement)).toHaveAttribute('data-state', 'waiting'));
    await expect(video(canvasElement).srcObject).toBeNull();
  },
};

export const Playing: Story = {
  ...withSession(() => ({ onStart: [{ status: 'connecting' }, { status: 'playing', stream: createTestPattern() }] })),
  play: async ({ canvasElement }) => {
    const player = video(canvasElement);
    await waitFor(() => expect(player).toHaveAttribute('data-state', 'playing'));
    // Real frames: the test pattern decodes and the muted video autoplays without a click.
    await waitFor(() => expect(player.videoWidth).toBeGreaterThan(0), { timeout: 5_000 });
    await waitFor(() => expect(player.currentTime).toBeGreaterThan(0), { timeout: 5_000 });
    await expect(player.paused).toBe(false);
  },
};

export const Reconnecting: Story = {
  ...withSession(() => ({ initial: { status: 'reconnecting', stream: createTestPattern() } })),
  play: async ({ canvasElement }) => {
    await expect(video(canvasElement)).toHaveAttribute('data-state', 'reconnecting');
  },
};

export const Ended: Story = {
  ...withSession(() => ({ initial: { status: 'ended' } })),
  play: async ({ canvasElement }) => {
    await expect(video(canvasElement)).toHaveAttribute('data-state', 'ended');
  },
};

export const Failed: Story = {
  ...withSession(() => ({
    onStart: [{ status: 'connecting' }, { status: 'failed', error: new OnairError('network', 'The server is unreachable') }],
  })),
  play: async ({ canvasElement }) => {
    const player = video(canvasElement);
    await waitFor(() => expect(player).toHaveAttribute('data-state', 'failed'));
    await expect(player).toHaveAttribute('data-error', 'network');
  },
};
