import { parseArgs } from 'node:util';
import { checkPublicUrl, DEFAULT_HOST, DEFAULT_PORT, startOnairServer } from './onairServer.js';

const USAGE = `Usage: onair-server [--port 8787] [--host 127.0.0.1] [--account-id ID] [--api-token TOKEN]
                    [--db FILE|:memory:] [--ice-server URL[|username|credential]]... [--public-url URL]
                    [--webhook-url URL] [--no-keyframe-cache] [--max-sessions N] [--max-event-loop-lag MS]`;

/**
 * A signal this soon after the first is the same one twice: a terminal's Ctrl-C reaches both
 * bin/onair-server.js and this process, and the bin passes it on.
 */
const REPEATED_SIGNAL_MS = 1000;

/** Runs the server until SIGINT/SIGTERM, then ends every session and exits. */
export async function main(argv: string[] = process.argv.slice(2)): Promise<void> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        port: { type: 'string', default: String(DEFAULT_PORT) },
        host: { type: 'string', default: DEFAULT_HOST },
        'account-id': { type: 'string' },
        'api-token': { type: 'string' },
        db: { type: 'string', default: ':memory:' },
        'ice-server': { type: 'string', multiple: true, default: [] },
        'public-url': { type: 'string' },
        'webhook-url': { type: 'string' },
        'no-keyframe-cache': { type: 'boolean', default: false },
        'max-sessions': { type: 'string' },
        'max-event-loop-lag': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`--port must be an integer from 0 to 65535\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const publicUrl = values['public-url'];
  try {
    checkPublicUrl(publicUrl);
  } catch (error) {
    console.error(`--public-url: ${(error as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const limits = { maxSessions: values['max-sessions'], maxEventLoopLagMs: values['max-event-loop-lag'] };
  const overload: Record<string, number> = {};
  for (const [key, value] of Object.entries(limits)) {
    if (value === undefined) continue;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) {
      console.error(`--${key === 'maxSessions' ? 'max-sessions' : 'max-event-loop-lag'} must be a positive integer\n${USAGE}`);
      process.exitCode = 2;
      return;
    }
    overload[key] = number;
  }
  const server = await startOnairServer({
    port,
    host: values.host,
    accountId: values['account-id'],
    apiToken: values['api-token'],
    db: values.db,
    iceServers: values['ice-server'],
    publicUrl,
    webhook: values['webhook-url'] ? { url: values['webhook-url'] } : undefined,
    keyframeCache: !values['no-keyframe-cache'],
    overload,
  });
  let closingSince: number | undefined;
  const shutdown = () => {
    if (closingSince === undefined) {
      closingSince = performance.now();
      void server.close().then(() => process.exit(0));
    } else if (performance.now() - closingSince > REPEATED_SIGNAL_MS) {
      // Asked again, later: stop waiting for the sessions to end.
      process.exit(1);
    }
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // Started by bin/onair-server.js: its channel closes when the bin dies, even by SIGKILL, which it
  // cannot pass on; the server must not outlive it holding the port.
  if (process.channel) process.on('disconnect', shutdown).channel?.unref();
  // Only now: a signal sent on seeing this line is handled (sent right after it, a third of them killed the process).
  console.log(`listening on ${server.url}`);
}

await main().catch((error: unknown) => {
  console.error(`onair-server: ${(error as Error).message}`);
  process.exit(1);
});
