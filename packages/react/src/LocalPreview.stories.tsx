import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { LocalPreview } from './LocalPreview';
import { createTestPattern } from './testPattern';

type Story = StoryObj<typeof LocalPreview>;

const preview = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-onair="local-preview"]')!;
const publisher = (muted = { audio: false, video: false }, screenSharing = false) => ({ stream: createTestPattern(), muted, screenSharing });

const meta = {
  title: 'Components/LocalPreview',
  component: LocalPreview,
  args: { style: { width: 'min(360px, 90vw)' } },
} satisfies Meta<typeof LocalPreview>;
export default meta;

export const Off: Story = {
  play: async ({ canvasElement }) => {
    await expect(preview(canvasElement)).toHaveAttribute('data-state', 'off');
  },
};

/** The camera, mirrored like a mirror. */
export const On: Story = {
  loaders: [() => ({ publisher: publisher() })],
  render: (args, { loaded }) => <LocalPreview {...args} publisher={loaded.publisher as ReturnType<typeof publisher>} />,
  play: async ({ canvasElement }) => {
    await expect(preview(canvasElement)).toHaveAttribute('data-state', 'on');
    const video = canvasElement.querySelector('video')!;
    await expect(video.style.transform).toBe('scaleX(-1)');
    await expect(video.muted).toBe(true);
    await waitFor(() => expect(video.videoWidth).toBeGreaterThan(0));
  },
};

export const CameraOff: Story = {
  loaders: [() => ({ publisher: publisher({ audio: false, video: true }) })],
  render: (args, { loaded }) => <LocalPreview {...args} publisher={loaded.publisher as ReturnType<typeof publisher>} />,
  play: async ({ canvasElement, canvas }) => {
    await expect(preview(canvasElement)).toHaveAttribute('data-state', 'camera-off');
    await expect(canvas.getByText('Camera off')).toBeVisible();
  },
};

export const MicrophoneMuted: Story = {
  loaders: [() => ({ publisher: publisher({ audio: true, video: false }) })],
  render: (args, { loaded }) => <LocalPreview {...args} publisher={loaded.publisher as ReturnType<typeof publisher>} />,
  play: async ({ canvasElement, canvas }) => {
    await expect(preview(canvasElement)).toHaveAttribute('data-microphone', 'muted');
    await expect(canvas.getByText('Microphone muted')).toBeVisible();
  },
};

/** A shared screen is shown as it is (never mirrored). */
export const SharingScreen: Story = {
  loaders: [() => ({ publisher: publisher(undefined, true) })],
  render: (args, { loaded }) => <LocalPreview {...args} publisher={loaded.publisher as ReturnType<typeof publisher>} />,
  play: async ({ canvasElement }) => {
    await expect(preview(canvasElement)).toHaveAttribute('data-source', 'screen');
    await expect(canvasElement.querySelector('video')!.style.transform).toBe('');
  },
};
