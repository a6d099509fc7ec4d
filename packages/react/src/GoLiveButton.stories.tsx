import { useState } from 'react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { OnairError, type WhipStatus } from '@onair/core';
import { DeviceSelector } from './DeviceSelector';
import { GoLiveButton } from './GoLiveButton';
import type { MediaDeviceList } from './mediaDeviceList';
import { simulatedDevices } from './simulatedDevices';
import { SimulatedSession, type SimulatedScript } from './simulatedSession';
import { createTestPattern } from './testPattern';

type Story = StoryObj<typeof GoLiveButton>;

// Every story drives a fresh simulated session (no server, no camera prompt): a loader makes it per render.
const withSession = (script: SimulatedScript<WhipStatus>): Pick<Story, 'loaders' | 'render'> => ({
  loaders: [() => ({ session: new SimulatedSession<WhipStatus>(script) })],
  render: (args, { loaded }) => <GoLiveButton {...args} session={loaded.session as SimulatedSession<WhipStatus>} />,
});

const GOES_LIVE: SimulatedScript<WhipStatus> = { onStart: [{ status: 'connecting' }, { status: 'live' }], stepMs: 300 };

const meta = {
  title: 'Components/GoLiveButton',
  component: GoLiveButton,
  args: {
    getStream: () => Promise.resolve(createTestPattern()),
    onStatusChange: fn(),
    onClick: fn(),
  },
} satisfies Meta<typeof GoLiveButton>;
export default meta;

export const Idle: Story = {
  ...withSession(GOES_LIVE),
  play: async ({ canvas, userEvent, args }) => {
    const button = canvas.getByRole('button', { name: 'Go live' });
    await expect(button).toHaveAttribute('data-state', 'idle');
    await expect(button).toHaveAttribute('aria-pressed', 'false');

    await userEvent.click(button);
    await expect(args.onClick).toHaveBeenCalledOnce();
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'live'));
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(args.onStatusChange).toHaveBeenCalledWith('connecting', expect.anything());

    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ended'));
    await expect(button).toHaveAttribute('aria-pressed', 'false');
  },
};

export const Connecting: Story = {
  ...withSession({ initial: { status: 'connecting' } }),
  play: async ({ canvas }) => {
    const button = canvas.getByRole('button');
    await expect(button).toHaveAttribute('data-state', 'connecting');
    await expect(button).toBeDisabled();
    await expect(button).toHaveAttribute('aria-busy', 'true');
    await expect(button).toHaveTextContent('Connecting…');
  },
};

export const Live: Story = {
  ...withSession({ initial: { status: 'live' } }),
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'End stream' });
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ended'));
  },
};

export const Reconnecting: Story = {
  ...withSession({ initial: { status: 'reconnecting' } }),
  play: async ({ canvas }) => {
    const button = canvas.getByRole('button');
    await expect(button).toHaveAttribute('data-state', 'reconnecting');
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(button).toBeEnabled();
  },
};

export const Ended: Story = {
  ...withSession({ initial: { status: 'ended' }, ...GOES_LIVE }),
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'Go live again' });
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'live'));
  },
};

export const Failed: Story = {
  ...withSession({
    onStart: [{ status: 'connecting' }, { status: 'failed', error: new OnairError('http', 'The server answered 503', { status: 503 }) }],
    stepMs: 200,
  }),
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button');
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'failed'));
    await expect(button).toHaveAttribute('data-error', 'http');
    await expect(button).toHaveTextContent('Try again');
    await expect(button).toHaveAttribute('aria-pressed', 'false');
  },
};

export const CameraDenied: Story = {
  ...withSession(GOES_LIVE),
  args: {
    getStream: () => Promise.reject(new OnairError('permission-denied', 'Camera or microphone access was denied')),
  },
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button');
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'failed'));
    await expect(button).toHaveAttribute('data-error', 'permission-denied');
  },
};

export const CustomLabel: Story = {
  ...withSession({ initial: { status: 'live' } }),
  args: { children: ({ status }) => (status === 'live' ? '● On air' : 'Start broadcast') },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button')).toHaveTextContent('● On air');
  },
};

const pickCamera = fn((_deviceId: string | undefined) => Promise.resolve(createTestPattern()));

/** A camera picker beside the button: the camera chosen when you click is the one published. */
export const WithCameraPicker: Story = {
  loaders: [
    () => ({
      session: new SimulatedSession<WhipStatus>(GOES_LIVE),
      list: simulatedDevices({
        devices: [
          { deviceId: 'front', kind: 'videoinput', label: 'Front camera' },
          { deviceId: 'usb', kind: 'videoinput', label: 'USB camera' },
        ],
      }),
    }),
  ],
  render: function Render(args, { loaded }) {
    const [camera, setCamera] = useState<string>();
    return (
      <div style={{ display: 'flex', gap: 8 }}>
        <DeviceSelector list={loaded.list as MediaDeviceList} value={camera} onValueChange={setCamera} />
        <GoLiveButton {...args} session={loaded.session as SimulatedSession<WhipStatus>} getStream={() => pickCamera(camera)} />
      </div>
    );
  },
  play: async ({ canvas, userEvent }) => {
    const select = canvas.getByRole('combobox', { name: 'Camera' });
    await waitFor(() => expect(select).toHaveAttribute('data-state', 'ready'));
    await userEvent.selectOptions(select, 'USB camera');
    await userEvent.click(canvas.getByRole('button'));
    await waitFor(() => expect(canvas.getByRole('button')).toHaveAttribute('data-state', 'live'));
    await expect(pickCamera).toHaveBeenLastCalledWith('usb');
  },
};
