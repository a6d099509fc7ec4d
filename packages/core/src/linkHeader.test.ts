import { describe, expect, it } from 'vitest';
import { iceServersFromLinks, parseLinkHeader } from './linkHeader';

describe('parseLinkHeader (RFC 8288)', () => {
  it('parses several links joined by fetch, with quoted commas and semicolons', () => {
    const header =
      '<turn:turn.example.net?transport=udp>; rel="ice-server"; username="user"; credential="a,b;c\\"d"; credential-type="password", ' +
      '<stun:stun.example.net>; rel=ice-server, </events>; rel="urn:ietf:params:whep:ext:core:server-sent-events"; events="active,inactive"';
    const links = parseLinkHeader(header, 'https://whep.example.com/play/1');
    expect(links).toEqual([
      {
        url: 'turn:turn.example.net?transport=udp',
        rel: 'ice-server',
        params: { username: 'user', credential: 'a,b;c"d', 'credential-type': 'password' },
      },
      { url: 'stun:stun.example.net', rel: 'ice-server', params: {} },
      {
        url: 'https://whep.example.com/events',
        rel: 'urn:ietf:params:whep:ext:core:server-sent-events',
        params: { events: 'active,inactive' },
      },
    ]);
  });

  it('keeps the first of repeated parameters, lower-cases names and ignores junk', () => {
    expect(parseLinkHeader('<a>; REL="Ice-Server"; rel=other; Title=x; flag', 'http://h/')).toEqual([
      { url: 'http://h/a', rel: 'ice-server', params: { title: 'x', flag: '' } },
    ]);
    expect(parseLinkHeader('garbage', 'http://h/')).toEqual([]);
    expect(parseLinkHeader(null)).toEqual([]);
  });

  it('turns ice-server links (only those) into RTCIceServer entries', () => {
    const links = parseLinkHeader(
      '<turn:t.example>; rel="ice-server"; username="u"; credential="p", <https://x>; rel="next", <stun:s>; rel="foo ice-server"',
    );
    expect(iceServersFromLinks(links)).toEqual([{ urls: 'turn:t.example', username: 'u', credential: 'p' }, { urls: 'stun:s' }]);
  });
});
