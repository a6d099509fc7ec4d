import { accessSync, constants, existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';

// Where the third-party peers live; scripts/install-peers.sh puts them there.
const repoRoot = resolve(import.meta.dirname, '../../..');

/** ../shared/tools/whip-client/run.sh beside the clone (read-only in CI): starts whip-client with its preload shim. */
export const whipClientRunSh = resolve(repoRoot, '../shared/tools/whip-client/run.sh');

/** simple-whip-server unpacked from Debian's .deb, with its npm deps. */
export const simpleWhipServerDir = join(process.env.ONAIR_PEERS_DIR ?? join(homedir(), '.cache/onair-peers'), 'simple-whip-server');

export const janusLibDir = '/usr/lib/x86_64-linux-gnu/janus';

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(delimiter).some((dir) => {
    try {
      accessSync(join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/** What is missing for the suite that needs `peers`, as a skip reason; null when all are there. */
export function missingPeers(peers: Array<'whip-client' | 'janus' | 'simple-whip-server'>): string | null {
  const missing: string[] = [];
  if (peers.includes('whip-client')) {
    if (!onPath('whip-client')) missing.push('whip-client (apt-get install simple-whip-client)');
    if (!existsSync(whipClientRunSh)) missing.push(`${whipClientRunSh} (the shared/ tools beside the repo)`);
    if (!onPath('gcc')) missing.push('gcc (run.sh builds its preload shim)');
  }
  if (peers.includes('janus')) {
    if (!onPath('janus')) missing.push('janus (apt-get install janus)');
    else if (!existsSync(join(janusLibDir, 'plugins/libjanus_videoroom.so'))) missing.push(`${janusLibDir}/plugins/libjanus_videoroom.so`);
  }
  if (peers.includes('simple-whip-server') && !existsSync(join(simpleWhipServerDir, 'node_modules/express'))) {
    missing.push(`simple-whip-server in ${simpleWhipServerDir}`);
  }
  return missing.length ? `interop peers not installed — run scripts/install-peers.sh as root; missing: ${missing.join(', ')}` : null;
}
