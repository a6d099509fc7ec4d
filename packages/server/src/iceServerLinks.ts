/**
 * `--ice-server` values to `Link` header values (RFC 9725 §4.6). A value is a STUN/TURN URL,
 * optionally followed by `|username|credential` for TURN.
 */
export function iceServerLinks(servers: string[]): string[] {
  return servers.map((entry) => {
    const [url, username, credential] = entry.split('|');
    if (!url || !/^(stun|stuns|turn|turns):/.test(url)) throw new TypeError(`Invalid ICE server "${entry}": expected stun:, stuns:, turn: or turns: URL`);
    let link = `<${url}>; rel="ice-server"`;
    if (username !== undefined) link += `; username="${quote(username)}"`;
    if (credential !== undefined) link += `; credential="${quote(credential)}"; credential-type="password"`;
    return link;
  });
}

const quote = (value: string) => value.replace(/["\\]/g, '\\$&');
