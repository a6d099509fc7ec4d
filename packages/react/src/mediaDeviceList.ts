import { OnairError, Subscribable, getUserMedia, mediaCaptureError } from '@onair/core';

/** What the Permissions API says for one kind; `unknown` where it cannot tell (no API, or the name is unsupported). */
export type DevicePermission = PermissionState | 'unknown';

export interface MediaDevicesSnapshot {
  /** `loading` until the first listing; `failed` when listing or asking for access failed (see `error`). */
  readonly status: 'loading' | 'ready' | 'failed';
  readonly devices: readonly MediaDeviceInfo[];
  /** Browsers hide device labels until the page may use a camera or microphone: ask with `requestPermission`. */
  readonly labelled: boolean;
  readonly error: OnairError | null;
  readonly permission: { readonly camera: DevicePermission; readonly microphone: DevicePermission };
  /** The device chosen per kind, remembered across visits (it may be absent now: see `useMediaDevices`). */
  readonly chosen: Readonly<Partial<Record<MediaDeviceKind, string>>>;
  /** The browser can route audio to a chosen speaker (`HTMLMediaElement.setSinkId`); false until listed. */
  readonly sinkSelectionSupported: boolean;
}

/** The part of `navigator.mediaDevices` a device list reads (a fake one in stories and tests). */
export type DeviceSource = Pick<MediaDevices, 'enumerateDevices' | 'addEventListener' | 'removeEventListener'>;

export interface MediaDeviceListOptions {
  source?: () => DeviceSource | undefined;
  requestAccess?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  permissions?: () => Pick<Permissions, 'query'> | undefined;
  /** Where choices are remembered; null: nowhere. Default: localStorage. */
  storage?: () => Pick<Storage, 'getItem' | 'setItem'> | null | undefined;
}

export const LOADING_DEVICES = Object.freeze<MediaDevicesSnapshot>({
  status: 'loading',
  devices: [],
  labelled: false,
  error: null,
  permission: { camera: 'unknown', microphone: 'unknown' },
  chosen: {},
  sinkSelectionSupported: false,
});

const STORAGE_KEY = 'onair:devices';
const PERMISSION_NAMES = ['camera', 'microphone'] as const;

// Storage can throw (private mode, a sandboxed iframe): a choice that is not remembered is no error.
function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

/**
 * The page's cameras, microphones and speakers, kept current through `devicechange` while anyone
 * listens, with the Permissions API's state per kind and the chosen device per kind (remembered in
 * localStorage, read on first subscribe: after mount, so server and client render the same).
 * `requestPermission` opens and at once closes the devices so that labels appear.
 */
export class MediaDeviceList extends Subscribable<MediaDevicesSnapshot> {
  readonly #source: NonNullable<MediaDeviceListOptions['source']>;
  readonly #requestAccess: NonNullable<MediaDeviceListOptions['requestAccess']>;
  readonly #permissions: NonNullable<MediaDeviceListOptions['permissions']>;
  readonly #storage: NonNullable<MediaDeviceListOptions['storage']>;
  #restored = false;
  #watchingPermissions = false;

  constructor({
    source = () => globalThis.navigator?.mediaDevices,
    requestAccess = getUserMedia,
    permissions = () => globalThis.navigator?.permissions,
    storage = () => globalThis.localStorage,
  }: MediaDeviceListOptions = {}) {
    super(LOADING_DEVICES);
    this.#source = source;
    this.#requestAccess = requestAccess;
    this.#permissions = permissions;
    this.#storage = storage;
  }

  protected override onObserved(observed: boolean): void {
    const source = this.#source();
    if (!observed) return source?.removeEventListener('devicechange', this.refresh);
    this.#restore();
    source?.addEventListener('devicechange', this.refresh);
    void this.refresh();
    void this.#watchPermissions();
  }

  readonly refresh = async (): Promise<void> => {
    const source = this.#source();
    if (!source) {
      return this.update({ status: 'failed', error: new OnairError('unsupported', 'Devices need a page served over HTTPS (or localhost)') });
    }
    try {
      const devices = await source.enumerateDevices();
      this.update({
        status: 'ready',
        devices,
        labelled: devices.some((d) => d.label !== ''),
        error: null,
        sinkSelectionSupported: 'setSinkId' in (globalThis.HTMLMediaElement?.prototype ?? {}),
      });
    } catch (error) {
      this.update({ status: 'failed', error: new OnairError('unsupported', String(error), { cause: error }) });
    }
  };

  /** Asks for access to the given kinds (default: both) so the list gets labels. Errors land in the snapshot. */
  readonly requestPermission = async (constraints: MediaStreamConstraints = { audio: true, video: true }): Promise<void> => {
    try {
      const stream = await this.#requestAccess(constraints);
      for (const track of stream.getTracks()) track.stop();
    } catch (error) {
      return this.update({ status: 'failed', error: mediaCaptureError(error) });
    }
    await this.refresh();
  };

  /** The chosen device of a kind (remembered; it may be gone: getUserMedia's `ideal` then picks another). */
  readonly chosen = (kind: MediaDeviceKind): string | undefined => {
    this.#restore();
    return this.getSnapshot().chosen[kind];
  };

  /** Chooses a device for a kind and remembers it for the next visit. */
  readonly choose = (kind: MediaDeviceKind, deviceId: string): void => {
    this.#restore();
    const chosen = { ...this.getSnapshot().chosen, [kind]: deviceId };
    this.update({ chosen });
    safely(() => this.#storage()?.setItem(STORAGE_KEY, JSON.stringify(chosen)));
  };

  #restore(): void {
    if (this.#restored) return;
    this.#restored = true;
    const saved = safely(() => JSON.parse(this.#storage()?.getItem(STORAGE_KEY) ?? '{}') as unknown);
    if (saved && typeof saved === 'object') this.update({ chosen: { ...(saved as MediaDevicesSnapshot['chosen']), ...this.getSnapshot().chosen } });
  }

  async #watchPermissions(): Promise<void> {
    const permissions = this.#permissions();
    if (!permissions || this.#watchingPermissions) return;
    this.#watchingPermissions = true;
    for (const name of PERMISSION_NAMES) {
      // Firefox knows no 'camera' permission name: the query rejects and the state stays unknown.
      const status = await permissions.query({ name: name as PermissionName }).catch(() => null);
      if (!status) continue;
      const read = () => this.update({ permission: { ...this.getSnapshot().permission, [name]: status.state } });
      read();
      status.addEventListener('change', () => {
        read();
        // Granted elsewhere (a prompt from another component): labels are readable now.
        void this.refresh();
      });
    }
  }
}

/** One list per page: devices are the page's, not a component's. */
export const pageDevices = new MediaDeviceList();
