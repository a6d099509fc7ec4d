import { OnairError, getUserMedia } from '@onair/core';

export interface MediaDevicesSnapshot {
  /** `loading` until the first listing; `failed` when listing or asking for access failed (see `error`). */
  readonly status: 'loading' | 'ready' | 'failed';
  readonly devices: readonly MediaDeviceInfo[];
  /** Browsers hide device labels until the page may use a camera or microphone: ask with `requestPermission`. */
  readonly labelled: boolean;
  readonly error: OnairError | null;
}

/** The part of `navigator.mediaDevices` a device list reads (a fake one in stories and tests). */
export type DeviceSource = Pick<MediaDevices, 'enumerateDevices' | 'addEventListener' | 'removeEventListener'>;

export const LOADING_DEVICES: MediaDevicesSnapshot = Object.freeze({ status: 'loading', devices: [], labelled: false, error: null });

/**
 * The page's cameras, microphones and speakers, kept current through `devicechange` while anyone
 * listens. `requestPermission` opens and at once closes the devices so that labels appear.
 */
export class MediaDeviceList {
  private snapshot = LOADING_DEVICES;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly source: () => DeviceSource | undefined = () => globalThis.navigator?.mediaDevices,
    private readonly requestAccess: (constraints: MediaStreamConstraints) => Promise<MediaStream> = getUserMedia,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    if (this.listeners.size === 0) {
      this.source()?.addEventListener('devicechange', this.refresh);
      void this.refresh();
    }
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.source()?.removeEventListener('devicechange', this.refresh);
    };
  };

  readonly getSnapshot = (): MediaDevicesSnapshot => this.snapshot;

  readonly refresh = async (): Promise<void> => {
    const source = this.source();
    if (!source) {
      return this.set({ status: 'failed', error: new OnairError('unsupported', 'Listing devices needs a browser page served over HTTPS (or localhost)') });
    }
    try {
      const devices = await source.enumerateDevices();
      this.set({ status: 'ready', devices, labelled: devices.some((d) => d.label !== ''), error: null });
    } catch (error) {
      this.set({ status: 'failed', error: new OnairError('unsupported', `Listing devices failed: ${String(error)}`, { cause: error }) });
    }
  };

  /** Asks for access to the given kinds (default: both) so the list gets labels. Errors land in the snapshot. */
  readonly requestPermission = async (constraints: MediaStreamConstraints = { audio: true, video: true }): Promise<void> => {
    try {
      const stream = await this.requestAccess(constraints);
      for (const track of stream.getTracks()) track.stop();
    } catch (error) {
      return this.set({
        status: 'failed',
        error: error instanceof OnairError ? error : new OnairError('permission-denied', String(error), { cause: error }),
      });
    }
    await this.refresh();
  };

  private set(patch: Partial<MediaDevicesSnapshot>): void {
    this.snapshot = Object.freeze({ ...this.snapshot, ...patch });
    for (const listener of [...this.listeners]) listener();
  }
}

/** One list per page: devices are the page's, not a component's. */
export const pageDevices = new MediaDeviceList();
