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
// Past GoLiveButton's double-click guard: a second click this much later is a new click.
const NEXT_CLICK_MS = 600;
const nextClick = () => new Promise((resolve) => setTimeout(resolve, NEXT_CLICK_MS));

const meta = {
  title: 'Components/GoLiveButton',
  component: GoLiveButton,
  parameters: {
    docs: {
      description: {
        component:
          'One button that goes live over WHIP and ends the broadcast. Its label carries the state and says what a click does (no `aria-pressed`). While connecting it is the **Cancel** button: enabled and focused, so keyboard and screen reader users can stop a connect that hangs. `disabled` makes it `aria-disabled`: still focusable, announced as unavailable, clicks ignored.',
      },
    },
  },
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
    await expect(button).not.toHaveAttribute('aria-pressed');

    await userEvent.click(button);
    await expect(args.onClick).toHaveBeenCalledOnce();
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'live'));
    await expect(button).toHaveAccessibleName('End stream');
    await expect(args.onStatusChange).toHaveBeenCalledWith('connecting', expect.anything());

    await nextClick();
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ended'));
    await expect(button).toHaveAccessibleName('Go live again');
  },
};

/**
 * Connecting: the button is the Cancel button. It stays enabled and focused (a `disabled` button would
 * drop focus to the page), and it is not `aria-disabled` or `aria-busy`: a screen reader hears
 * "Cancel, button", which is what pressing it does, so a connect that hangs can always be stopped.
 */
export const Connecting: Story = {
  ...withSession({ initial: { status: 'connecting' } }),
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'Cancel' });
    await expect(button).toHaveAttribute('data-state', 'connecting');
    await expect(button).toBeEnabled();
    await expect(button).not.toHaveAttribute('aria-disabled');
    await expect(button).not.toHaveAttribute('aria-busy');
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ended'));
    await expect(button).toHaveFocus();
  },
};

/** Keyboard only: Enter goes live, the connect hangs, focus stays on the button, now "Cancel"; Enter again cancels. */
export const KeyboardCancel: Story = {
  ...withSession({ onStart: [{ status: 'connecting' }], stepMs: 60_000 }),
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'Go live' });
    await userEvent.tab();
    await expect(button).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(button).toHaveAccessibleName('Cancel'));
    await expect(button).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ended'));
    await expect(button).toHaveAccessibleName('Go live again');
    await expect(button).toHaveFocus();
  },
};

export const Live: Story = {
  ...withSession({ initial: { status: 'live' } }),
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'End stream' });
    await userEvent.click(button);
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ended'));
  },
};

export const Reconnecting: Story = {
  ...withSession({ initial: { status: 'reconnecting' } }),
  play: async ({ canvas }) => {
    const button = canvas.getByRole('button', { name: 'End stream' });
    await expect(button).toHaveAttribute('data-state', 'reconnecting');
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
    await expect(button).toHaveAccessibleName('Try again');
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

/** Disabled by the app (say, no camera yet): `aria-disabled`, still focusable, a click does nothing. */
export const Disabled: Story = {
  ...withSession(GOES_LIVE),
  args: { disabled: true },
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button', { name: 'Go live' });
    await expect(button).toHaveAttribute('aria-disabled', 'true');
    await userEvent.tab();
    await expect(button).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await nextClick();
    await expect(button).toHaveAttribute('data-state', 'idle');
  },
};

/** `defaultLive`: on air as soon as it mounts. */
export const DefaultLive: Story = {
  ...withSession(GOES_LIVE),
  args: { defaultLive: true },
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByRole('button')).toHaveAttribute('data-state', 'live'));
  },
};

/** Controlled by the parent's state through `live` and `onLiveChange`. */
export const Controlled: Story = {
  loaders: [() => ({ session: new SimulatedSession<WhipStatus>(GOES_LIVE) })],
  render: function Render(args, { loaded }) {
    const [live, setLive] = useState(false);
    return (
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', fontFamily: 'system-ui, sans-serif' }}>
        <GoLiveButton {...args} session={loaded.session as SimulatedSession<WhipStatus>} live={live} onLiveChange={setLive} />
        <span>Parent says: {live ? 'on air' : 'off air'}</span>
      </div>
    );
  },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button'));
    await waitFor(() => expect(canvas.getByRole('button')).toHaveAttribute('data-state', 'live'));
    await expect(canvas.getByText('Parent says: on air')).toBeVisible();
  },
};

/** Keyboard only: Tab to it, Enter goes live, Space ends it. */
export const KeyboardOnly: Story = {
  ...withSession(GOES_LIVE),
  play: async ({ canvas, userEvent }) => {
    const button = canvas.getByRole('button');
    await userEvent.tab();
    await expect(button).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'live'));
    await nextClick();
    await userEvent.keyboard(' ');
    await waitFor(() => expect(button).toHaveAttribute('data-state', 'ended'));
    await expect(button).toHaveFocus();
  },
};

export const CustomLabel: Story = {
  ...withSession({ initial: { status: 'live' } }),
  args: { children: ({ status }) => (status === 'live' ? 'End broadcast' : 'Start broadcast') },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button')).toHaveTextContent('End broadcast');
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
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'end' }}>
        <DeviceSelector list={loaded.list as MediaDeviceList} value={camera} onValueChange={setCamera} />
        <GoLiveButton {...args} session={loaded.session as SimulatedSession<WhipStatus>} getStream={() => pickCamera(camera)} />
      </div>
    );
  },
  play: async ({ canvas, userEvent }) => {
    const select = canvas.getByRole('combobox', { name: 'Camera' });
    await waitFor(() => expect(select).toHaveValue('front'));
    await userEvent.selectOptions(select, 'USB camera');
    await userEvent.click(canvas.getByRole('button', { name: 'Go live' }));
    await waitFor(() => expect(canvas.getByRole('button', { name: 'End stream' })).toHaveAttribute('data-state', 'live'));
    await expect(pickCamera).toHaveBeenLastCalledWith('usb');
  },
};
