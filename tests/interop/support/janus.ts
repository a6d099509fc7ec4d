import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../support/freePort';
import { startProcess } from './managedProcess';
import { janusLibDir } from './peers';

/** Debian's Janus with only the VideoRoom plugin, its WebSockets API and Admin API on loopback ports. */
export interface Janus {
  /** Janus API over WebSockets (what simple-whip-server talks to), e.g. ws://127.0.0.1:41234 */
  readonly wsUrl: string;
  /** Janus API over HTTP, e.g. http://127.0.0.1:41235/janus */
  readonly apiUrl: string;
  /** VideoRoom room every test publishes into (exists from the start, as simple-whip-server needs). */
  readonly room: number;
  /** Incoming video of every VideoRoom publisher, as counted by Janus after SRTP decryption. */
  publishersVideoIn(): Promise<PublisherVideoIn[]>;
  output(): string;
  stop(): Promise<void>;
}

export interface PublisherVideoIn {
  /** The video codec Janus negotiated with the publisher, e.g. "vp8". */
  codec: string;
  packets: number;
}

const ROOM = 1234;
const ADMIN_SECRET = 'onair-interop';
const READY_MS = 20_000;

/** `publishers`: how many may be live in the room at once (the bench starts one per run). */
export async function startJanus({ publishers = 4 }: { publishers?: number } = {}): Promise<Janus> {
  const dir = await mkdtemp(join(tmpdir(), 'onair-janus-'));
  // Janus loads every .so of its folders: link only what the tests use.
  const folders = { conf: 'conf', plugins: 'plugins', transports: 'transports', events: 'events', loggers: 'loggers' };
  for (const folder of Object.values(folders)) await mkdir(join(dir, folder));
  await symlink(join(janusLibDir, 'plugins/libjanus_videoroom.so'), join(dir, 'plugins/libjanus_videoroom.so'));
  await symlink(join(janusLibDir, 'transports/libjanus_websockets.so'), join(dir, 'transports/libjanus_websockets.so'));
  await symlink(join(janusLibDir, 'transports/libjanus_http.so'), join(dir, 'transports/libjanus_http.so'));

  const wsPort = await freePort();
  const httpPort = await freePort();
  const adminPort = await freePort();
  const conf = join(dir, folders.conf);
  await writeFile(
    join(conf, 'janus.jcfg'),
    `general: {
  configs_folder = "${conf}"
  plugins_folder = "${join(dir, folders.plugins)}"
  transports_folder = "${join(dir, folders.transports)}"
  events_folder = "${join(dir, folders.events)}"
  loggers_folder = "${join(dir, folders.loggers)}"
  debug_level = 4
  admin_secret = "${ADMIN_SECRET}"
}
certificates: {}
media: {}
# Janus never gathers on loopback (an enforce list of "lo" only makes libnice fall back to every
# interface, IPv6 too): its host candidates are this machine's own IPv4 addresses, which the kernel
# delivers locally, as it does for Chromium's and libnice's own candidates.
nat: {}
plugins: {}
transports: {}
loggers: {}
events: {}
`,
  );
  await writeFile(
    join(conf, 'janus.transport.websockets.jcfg'),
    `general: { json = "plain", ws = true, ws_port = ${wsPort}, ws_ip = "127.0.0.1", wss = false }
admin: { admin_ws = false, admin_wss = false }
`,
  );
  await writeFile(
    join(conf, 'janus.transport.http.jcfg'),
    `general: { json = "plain", http = true, port = ${httpPort}, ip = "127.0.0.1", base_path = "/janus", https = false }
admin: { admin_http = true, admin_port = ${adminPort}, admin_ip = "127.0.0.1", admin_base_path = "/admin", admin_https = false }
`,
  );
  await writeFile(
    join(conf, 'janus.plugin.videoroom.jcfg'),
    `general: {}
room-${ROOM}: { description = "onair interop", publishers = ${publishers}, videocodec = "vp8,vp9,h264,av1", audiocodec = "opus" }
`,
  );

  const janus = startProcess('janus', 'janus', ['-C', join(conf, 'janus.jcfg'), '-F', conf, '--disable-colors'], { cwd: dir });
  const stop = async () => {
    await janus.stop();
    await rm(dir, { recursive: true, force: true });
  };

  const adminUrl = `http://127.0.0.1:${adminPort}/admin`;
  const admin = async (path: string, body: Record<string, unknown>) => {
    const response = await fetch(`${adminUrl}${path}`, {
      method: 'POST',
      body: JSON.stringify({ ...body, transaction: Math.random().toString(36).slice(2), admin_secret: ADMIN_SECRET }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (json.janus !== 'success' && json.janus !== 'pong') throw new Error(`Janus admin ${path}: ${JSON.stringify(json)}`);
    return json;
  };

  try {
    await janus.waitFor(/Websockets server started \(port \d+\)/, READY_MS);
    await janus.waitFor(/HTTP webserver started \(port \d+, \/janus path listener\)/, READY_MS);
    await janus.waitFor(/Admin\/monitor HTTP webserver started/, READY_MS);
    await admin('', { janus: 'ping' });
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    apiUrl: `http://127.0.0.1:${httpPort}/janus`,
    room: ROOM,
    output: janus.output,
    stop,
    async publishersVideoIn() {
      const found: PublisherVideoIn[] = [];
      const { sessions } = (await admin('', { janus: 'list_sessions' })) as { sessions: number[] };
      for (const session of sessions) {
        const { handles } = (await admin(`/${session}`, { janus: 'list_handles' })) as { handles: number[] };
        for (const handle of handles) {
          const { info } = (await admin(`/${session}/${handle}`, { janus: 'handle_info' })) as { info: HandleInfo };
          if (info.plugin_specific?.type !== 'publisher') continue;
          for (const media of Object.values(info.webrtc?.media ?? {})) {
            if (media.type !== 'video' || !media.stats) continue;
            found.push({
              codec: media.codecs?.codec ?? '',
              packets: media.stats.in.packets,
            });
          }
        }
      }
      return found;
    },
  };
}

// The parts of the Admin API's handle_info (Janus 1.1) the tests read.
interface HandleInfo {
  plugin_specific?: { type?: string };
  webrtc?: {
    media?: Record<string, { type: string; codecs?: { codec?: string }; stats?: { in: { packets: number } } }>;
  };
}
