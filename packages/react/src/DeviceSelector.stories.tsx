import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { DeviceSelector } from './DeviceSelector';
import type { MediaDeviceList } from './mediaDeviceList';
import { simulatedDevices, type SimulatedDevicesOptions } from './simulatedDevices';

type Story = StoryObj<typeof DeviceSelector>;

const CAMERAS: SimulatedDevicesOptions['devices'] = [
  { deviceId: 'front', kind: 'videoinput', label: 'Front camera' },
  { deviceId: 'usb', kind: 'videoinput', label: 'USB camera' },
  { deviceId: 'mic', kind: 'audioinput', label: 'Built-in microphone' },
];

// A fresh simulated device list per render: no camera, no permission prompt.
const withDevices = (options: SimulatedDevicesOptions): Pick<Story, 'loaders' | 'render'> => ({
  loaders: [() => ({ list: simulatedDevices(options) })],
  render: (args, { loaded }) => <DeviceSelector {...args} list={loaded.list as MediaDeviceList} />,
});

const meta = {
  title: 'Components/DeviceSelector',
  component: DeviceSelector,
  args: { onValueChange: fn() },
} satisfies Meta<typeof DeviceSelector>;
export default meta;

export const Ready: Story = {
  ...withDevices({ devices: CAMERAS }),
  play: async ({ canvas, userEvent, args }) => {
    const select = canvas.getByRole('combobox', { name: 'Camera' });
    await waitFor(() => expect(select).toHaveAttribute('data-state', 'ready'));
    // Cameras only: the microphone is not listed.
    await expect(canvas.getAllByRole('option').map((o) => o.textContent)).toEqual(['Front camera', 'USB camera']);
    await expect(select).toHaveValue('front');
    await userEvent.selectOptions(select, 'USB camera');
    await expect(args.onValueChange).toHaveBeenCalledWith('usb');
    await expect(select).toHaveValue('usb');
  },
};

export const Controlled: Story = {
  ...withDevices({ devices: CAMERAS }),
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
  ...withDevices({ devices: CAMERAS }),
  args: { kind: 'audioinput' },
  play: async ({ canvas }) => {
    const select = canvas.getByRole('combobox', { name: 'Microphone' });
    await waitFor(() => expect(select).toHaveAttribute('data-state', 'ready'));
    await expect(canvas.getAllByRole('option')).toHaveLength(1);
  },
};

export const Prompt: Story = {
  ...withDevices({ devices: CAMERAS, hiddenUntilPermission: true }),
  play: async ({ canvas }) => {
    const select = canvas.getByRole('combobox');
    await waitFor(() => expect(select).toHaveAttribute('data-state', 'prompt'));
    await expect(canvas.getAllByRole('option').map((o) => o.textContent)).toEqual(['Camera 1', 'Camera 2']);
    // Focusing asks for access; granted, the real labels appear.
    select.focus();
    await waitFor(() => expect(select).toHaveAttribute('data-state', 'ready'));
    await expect(canvas.getByRole('option', { name: 'USB camera' })).toBeInTheDocument();
  },
};

export const Denied: Story = {
  ...withDevices({ devices: CAMERAS, hiddenUntilPermission: true, deny: true }),
  play: async ({ canvas }) => {
    const select = canvas.getByRole('combobox');
    await waitFor(() => expect(select).toHaveAttribute('data-state', 'prompt'));
    select.focus();
    await waitFor(() => expect(select).toHaveAttribute('data-state', 'failed'));
    await expect(select).toHaveAttribute('data-error', 'permission-denied');
  },
};

export const Empty: Story = {
  ...withDevices({ devices: [] }),
  play: async ({ canvas }) => {
    const select = canvas.getByRole('combobox');
    await waitFor(() => expect(select).toHaveAttribute('data-state', 'empty'));
    await expect(select).toBeDisabled();
  },
};

export const Loading: Story = {
  ...withDevices({ devices: CAMERAS, neverLists: true }),
  play: async ({ canvas }) => {
    const select = canvas.getByRole('combobox');
    await expect(select).toHaveAttribute('data-state', 'loading');
    await expect(select).toHaveAttribute('aria-busy', 'true');
  },
};

/** The browser's own devices (Chromium's fake camera in the test run; yours in `storybook dev`). */
export const PageDevices: Story = {
  play: async ({ canvas }) => {
    const select = canvas.getByRole('combobox');
    await waitFor(() => expect(select).not.toHaveAttribute('data-state', 'loading'));
    select.focus();
    await waitFor(() => expect(select).toHaveAttribute('data-state', 'ready'), { timeout: 10_000 });
    await expect(canvas.getAllByRole('option').length).toBeGreaterThan(0);
  },
};
