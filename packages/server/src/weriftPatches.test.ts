// One test per change in patches/werift@0.24.4.patch (see the package README): each fails on
// werift 0.24.4 as published.
import { KeyObject } from 'node:crypto';
import dns from 'node:dns';
import { setImmediate as turn } from 'node:timers/promises';
import type { RTCIceTransport } from 'werift';
import { CipherContext, Connection, Event, NamedCurveAlgorithmList, RTCCertificate, RTCDtlsParameters, RTCDtlsTransport, RtpHeader, UdpTransport } from 'werift';
import { afterEach, describe, expect, test, vi } from 'vitest';

/** werift's SessionType.SERVER (not exported). */
const SERVER = 2;

/** DTLS record content type 22 (handshake) whose first message is a ClientHello (1). */
const isClientHello = (datagram: Buffer) => datagram[0] === 22 && datagram[13] === 1;

/** The part of werift's ICE connection a DTLS transport uses: datagrams in, datagrams out. */
class FakeIceConnection {
  readonly onData = new Event<[Buffer]>();
  readonly sent: Buffer[] = [];
  peer: FakeIceConnection | null = null;
  async send(data: Buffer): Promise<void> {
    this.sent.push(data);
    const peer = this.peer;
    // Delivered in a later turn, like a datagram.
    if (peer) setImmediate(() => peer.onData.execute(data));
  }
  close(): void {}
}

async function dtlsTransport(role: 'client' | 'server') {
  const certificate = await RTCDtlsTransport.SetupCertificate();
  const connection = new FakeIceConnection();
  const ice = { connection, role: role === 'client' ? 'controlled' : 'controlling', stop: async () => connection.close() } as unknown as RTCIceTransport;
  const transport = new RTCDtlsTransport({}, ice, certificate, [1]);
  transport.role = role;
  transport.setRemoteParams(new RTCDtlsParameters(certificate.getFingerprints(), role === 'client' ? 'server' : 'client'));
  return { transport, connection };
}

/** A DTLS client and server over an in-memory link (both use the process's certificate). */
async function dtlsPair() {
  const client = await dtlsTransport('client');
  const server = await dtlsTransport('server');
  client.connection.peer = server.connection;
  server.connection.peer = client.connection;
  return { client, server };
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

describe('DTLS handshake (werift patch)', () => {
  test('a DTLS client sends its ClientHello at once, not after a fixed 100 ms wait', async () => {
    const { client } = await dtlsPair();
    void client.transport.start().catch(() => undefined);
    stops.push(() => client.transport.stop());
    // Synchronously: no timer had a chance to run.
    expect(client.connection.sent.filter(isClientHello)).toHaveLength(1);
  });

  test("a ClientHello that arrives before the DTLS server starts is answered, not dropped (no retransmission needed)", async () => {
    const { client, server } = await dtlsPair();
    const clientUp = client.transport.start();
    stops.push(() => client.transport.stop(), () => server.transport.stop());
    // The ClientHello reaches the server side while its ICE is still finishing.
    while (client.connection.sent.length === 0) await turn();
    await turn(); // FakeIceConnection delivers in the next turn.
    expect(server.transport.state).toBe('new');
    await Promise.all([clientUp, server.transport.start()]);
    expect(client.transport.state).toBe('connected');
    expect(server.transport.state).toBe('connected');
    // The first ClientHello and the one with the server's cookie: werift retransmits a flight only
    // after 500 ms, and a dropped first ClientHello would make three.
    expect(client.connection.sent.filter(isClientHello)).toHaveLength(2);
  });

  test.each([
    ['X25519', 29],
    ['P-256', 23],
  ])('ECDHE on %s runs on node:crypto and both sides derive the same SRTP keys', async (_name, curve) => {
    // Both sides offer only this curve (the list is what werift advertises and accepts).
    const curves = NamedCurveAlgorithmList.splice(0, NamedCurveAlgorithmList.length, curve as (typeof NamedCurveAlgorithmList)[number]);
    try {
      const { client, server } = await dtlsPair();
      stops.push(() => client.transport.stop(), () => server.transport.stop());
      await Promise.all([client.transport.start(), server.transport.start()]);
      for (const side of [client, server]) {
        const cipher = side.transport.dtls!.cipher;
        expect(cipher.localKeyPair.curve).toBe(curve);
        expect(cipher.localKeyPair.privateKey).toBeInstanceOf(KeyObject);
      }
      // Same keys: what the client encrypts, the server decrypts.
      const rtp = Buffer.from('800100010000000100000002deadbeef', 'hex');
      const sealed = client.transport.srtp.encrypt(rtp.subarray(12), RtpHeader.deSerialize(rtp));
      expect(server.transport.srtp.decrypt(sealed)).toEqual(rtp);
    } finally {
      NamedCurveAlgorithmList.splice(0, NamedCurveAlgorithmList.length, ...curves);
    }
  });

  test('the local certificate is parsed once per process and signs through a KeyObject', async () => {
    const certificate = await RTCDtlsTransport.SetupCertificate();
    const contexts = [0, 1].map(() => new CipherContext(SERVER, certificate.certPem, certificate.privateKey, certificate.signatureHash));
    expect(contexts[0]!.localPrivateKey).toBe(contexts[1]!.localPrivateKey);
    expect((contexts[0] as unknown as { localSigningKey: unknown }).localSigningKey).toBeInstanceOf(KeyObject);
  });

  test("a certificate's fingerprint is computed once, not from its PEM on every SDP", async () => {
    const { certPem, privateKey, signatureHash } = await RTCDtlsTransport.SetupCertificate();
    const certificate = new RTCCertificate(privateKey, certPem, signatureHash);
    const [first] = certificate.getFingerprints();
    certificate.certPem = 'not a PEM any more';
    expect(certificate.getFingerprints()).toEqual([first]);
  });
});

describe('ICE (werift patch)', () => {
  /** A werift ICE agent on loopback only, without werift's fallback public STUN server. */
  async function agent(controlling: boolean) {
    const connection = new Connection(controlling, { useIpv6: false, interfaceAddresses: { udp4: '127.0.0.1' }, additionalHostAddresses: ['127.0.0.1'] });
    connection.stunServer = undefined;
    await connection.gatherCandidates();
    stops.push(() => connection.close());
    return connection;
  }

  test("each host candidate's socket is bound to the candidate's own address, so checks are answered from it", async () => {
    const connection = new Connection(false, { useIpv6: false, additionalHostAddresses: ['127.0.0.1'] });
    connection.stunServer = undefined;
    await connection.gatherCandidates();
    stops.push(() => connection.close());
    const { protocols } = connection as unknown as { protocols: { localCandidate: { host: string }; transport: { address: { address: string } } }[] };
    expect(protocols.map((p) => p.localCandidate.host)).toContain('127.0.0.1');
    for (const protocol of protocols) expect(protocol.transport.address.address).toBe(protocol.localCandidate.host);
  });

  test('connect() resolves as soon as the check list completes, not at the next 20 ms pacing tick', async () => {
    const [controlling, controlled] = await Promise.all([agent(true), agent(false)]);
    for (const [local, remote] of [
      [controlling, controlled],
      [controlled, controlling],
    ] as const) {
      local.setRemoteParams({ iceLite: false, usernameFragment: remote.localUsername, password: remote.localPassword });
      for (const candidate of remote.localCandidates) await local.addRemoteCandidate(candidate);
      await local.addRemoteCandidate(undefined);
    }
    let doneAtTurn: number | null = null;
    let turns = 0;
    const connected = Promise.all([controlling.connect(), controlled.connect()]);
    let settled = false;
    void connected.finally(() => (settled = true));
    // Count event-loop turns from the moment both check lists are done to connect() resolving.
    while (!settled) {
      await turn();
      turns++;
      const done = (connection: Connection) => (connection as unknown as { checkListDone: boolean }).checkListDone;
      if (doneAtTurn === null && done(controlling) && done(controlled)) doneAtTurn = turns;
    }
    await connected;
    expect(doneAtTurn).not.toBeNull();
    // A 20 ms timer takes many turns of an idle loop; being woken takes none or one.
    expect(turns - doneAtTurn!).toBeLessThanOrEqual(2);
  });
});

describe('UDP (werift patch)', () => {
  test('a datagram to an IP address is sent without a DNS lookup (no lookup call, no extra tick)', async () => {
    const lookup = vi.spyOn(dns, 'lookup');
    try {
      const [a, b] = await Promise.all([UdpTransport.init('udp4', { interfaceAddresses: { udp4: '127.0.0.1' } }), UdpTransport.init('udp4', { interfaceAddresses: { udp4: '127.0.0.1' } })]);
      stops.push(async () => void (await Promise.all([a.close(), b.close()])));
      const received = new Promise<Buffer>((resolve) => (b.onData = (data) => resolve(data)));
      await a.send(Buffer.from('hello'), ['127.0.0.1', b.port]);
      expect((await received).toString()).toBe('hello');
      expect(lookup).not.toHaveBeenCalled();
    } finally {
      lookup.mockRestore();
    }
  });
});
