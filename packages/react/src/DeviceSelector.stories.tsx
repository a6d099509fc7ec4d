import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { DeviceSelector } from './DeviceSelector';
import type { MediaDeviceList } from './mediaDeviceList';
import { simulatedDevices, type SimulatedDevicesOptions } from './simulatedDevices';

type Story = StoryObj<typeof DeviceSelector>;

const DEVICES: SimulatedDevicesOptions['devices'] = [
  { deviceId: 'front', kind: 'videoinput', label: 'Front camera' },
  { deviceId: 'usb', kind: 'videoinput', label: 'USB camera' },
  { deviceId: 'mic', kind: 'audioinput', label: 'Built-in microphone' },
  { deviceId: 'headset', kind: 'audioinput', label: 'Headset microphone' },
  { deviceId: 'speakers', kind: 'audiooutput', label: 'Built-in speakers' },
];

// A fresh simulated device list per render: no camera, no permission prompt.
const withDevices = (options: SimulatedDevicesOptions): Pick<Story, 'loaders' | 'render'> => ({
  loaders: [() => ({ list: simulatedDevices({ devices: DEVICES, ...options }) })],
  render: (args, { loaded }) => <DeviceSelector {...args} list={loaded.list as MediaDeviceList} />,
});
const root = (canvasElement: HTMLElement) => canvasElement.querySelector<HTMLElement>('[data-onair="device-selector"]')!;

const meta = {
  title: 'Components/DeviceSelector',
  component: DeviceSelector,
  args: { onValueChange: fn() },
} satisfies Meta<typeof DeviceSelector>;
export default meta;

export const Ready: Story = {
  ...withDevices({}),
  play: async ({ canvasElement, canvas, userEvent, args }) => {
    const select = canvas.getByRole('combobox', { name: 'Camera' });
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'ready'));
    // The visible label names it; no aria-label overrides that.
    await expect(select).not.toHaveAttribute('aria-label');
    await expect(canvas.getAllByRole('option').map((o) => o.textContent)).toEqual(['Front camera', 'USB camera']);
    await expect(select).toHaveValue('front');
    await userEvent.selectOptions(select, 'USB camera');
    await expect(args.onValueChange).toHaveBeenCalledWith('usb');
    await expect(select).toHaveValue('usb');
  },
};

/** The last choice comes back on the next visit (remembered in storage, read after mount). */
export const Remembered: Story = {
  loaders: [
    () => {
      const saved = new Map([['onair:devices', JSON.stringify({ videoinput: 'usb' })]]);
      const storage = { getItem: (k: string) => saved.get(k) ?? null, setItem: (k: string, v: string) => void saved.set(k, v) };
      return { list: simulatedDevices({ devices: DEVICES, storage }) };
    },
  ],
  render: (args, { loaded }) => <DeviceSelector {...args} list={loaded.list as MediaDeviceList} />,
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.getByRole('combobox')).toHaveValue('usb'));
  },
};

/** The chosen camera is unplugged: the selection falls back to one that is there. */
export const Unplugged: Story = {
  ...withDevices({}),
  play: async ({ canvas, userEvent, loaded }) => {
    const select = canvas.getByRole('combobox');
    await waitFor(() => expect(select).toHaveValue('front'));
    await userEvent.selectOptions(select, 'USB camera');
    (loaded.list as ReturnType<typeof simulatedDevices>).unplug('usb');
    await waitFor(() => expect(select).toHaveValue('front'));
    await expect(canvas.getAllByRole('option')).toHaveLength(1);
  },
};

export const Controlled: Story = {
  ...withDevices({}),
  args: { value: 'usb' },
  play: async ({ canvas, userEvent, args }) => {
    const select = canvas.getByRole('combobox');
    await waitFor(() => expect(select).toHaveValue('usb'));
    await userEvent.selectOptions(select, 'Front camera');
    await expect(args.onValueChange).toHaveBeenCalledWith('front');
    // The parent did not change `value`: the selection stays where the parent says.
    await expect(select).toHaveValue('usb');
  },
};

export const Microphones: Story = {
  ...withDevices({}),
  args: { kind: 'audioinput' },
  play: async ({ canvasElement, canvas }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'ready'));
    await expect(canvas.getByRole('combobox', { name: 'Microphone' })).toBeVisible();
    await expect(canvas.getAllByRole('option')).toHaveLength(2);
  },
};

export const Speakers: Story = {
  ...withDevices({}),
  args: { kind: 'audiooutput' },
  play: async ({ canvasElement, canvas }) => {
    // Chromium can route audio to a chosen speaker (setSinkId).
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'ready'));
    await expect(canvas.getByRole('combobox', { name: 'Speaker' })).toHaveValue('speakers');
  },
};

/** Labels are hidden until access: nothing prompts on focus, an explicit button asks. */
export const Prompt: Story = {
  ...withDevices({ hiddenUntilPermission: true, permission: 'prompt' }),
  play: async ({ canvasElement, canvas, userEvent }) => {
    const select = canvas.getByRole('combobox');
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'prompt'));
    await expect(canvas.getAllByRole('option').map((o) => o.textContent)).toEqual(['Camera 1', 'Camera 2']);
    select.focus();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'prompt');
    await userEvent.click(canvas.getByRole('button', { name: 'Allow camera and microphone' }));
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'ready'));
    await expect(canvas.getByRole('option', { name: 'USB camera' })).toBeInTheDocument();
  },
};

export const Denied: Story = {
  ...withDevices({ hiddenUntilPermission: true, failWith: 'permission-denied' }),
  play: async ({ canvasElement, canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Allow camera and microphone' }));
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'failed'));
    await expect(root(canvasElement)).toHaveAttribute('data-error', 'permission-denied');
    await expect(canvas.getByRole('alert')).toHaveTextContent('access was denied');
    await expect(canvas.getByRole('button', { name: 'Retry' })).toBeVisible();
  },
};

/** Blocked before this visit (the Permissions API says denied): the message shows at once. */
export const BlockedInSiteSettings: Story = {
  ...withDevices({ hiddenUntilPermission: true, permission: 'denied' }),
  play: async ({ canvasElement, canvas }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'failed'));
    await expect(canvas.getByRole('alert')).toHaveTextContent('blocked in the site settings');
  },
};

export const InUse: Story = {
  ...withDevices({ hiddenUntilPermission: true, failWith: 'device-in-use' }),
  play: async ({ canvasElement, canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Allow camera and microphone' }));
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-error', 'device-in-use'));
    await expect(canvas.getByRole('alert')).toHaveTextContent('busy');
  },
};

export const NotFound: Story = {
  ...withDevices({ hiddenUntilPermission: true, failWith: 'device-not-found' }),
  play: async ({ canvasElement, canvas, userEvent }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Allow camera and microphone' }));
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-error', 'device-not-found'));
    await expect(canvas.getByRole('alert')).toHaveTextContent('connect one');
  },
};

export const Empty: Story = {
  loaders: [() => ({ list: simulatedDevices({ devices: [] }) })],
  render: (args, { loaded }) => <DeviceSelector {...args} list={loaded.list as MediaDeviceList} />,
  play: async ({ canvasElement, canvas }) => {
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'empty'));
    await expect(canvas.getByRole('combobox')).toBeDisabled();
  },
};

export const Loading: Story = {
  ...withDevices({ neverLists: true }),
  play: async ({ canvasElement, canvas }) => {
    await expect(root(canvasElement)).toHaveAttribute('data-state', 'loading');
    await expect(canvas.getByRole('combobox')).toHaveAttribute('aria-busy', 'true');
  },
};

/** Keyboard only: Tab reaches the select (a native one: the browser's own keys pick), then the Allow button. */
export const KeyboardOnly: Story = {
  ...withDevices({ hiddenUntilPermission: true }),
  play: async ({ canvasElement, canvas, userEvent }) => {
    const select = canvas.getByRole('combobox');
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'prompt'));
    await userEvent.tab();
    await expect(select).toHaveFocus();
    await userEvent.tab();
    await expect(canvas.getByRole('button', { name: 'Allow camera and microphone' })).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'ready'));
  },
};

/** The browser's own devices (Chromium's fake camera in the test run; yours in `storybook dev`). */
export const PageDevices: Story = {
  play: async ({ canvasElement, canvas, userEvent }) => {
    await waitFor(() => expect(root(canvasElement)).not.toHaveAttribute('data-state', 'loading'));
    const allow = canvas.queryByRole('button', { name: 'Allow camera and microphone' });
    if (allow) await userEvent.click(allow);
    await waitFor(() => expect(root(canvasElement)).toHaveAttribute('data-state', 'ready'), { timeout: 10_000 });
    await expect(canvas.getAllByRole('option').length).toBeGreaterThan(0);
  },
};
