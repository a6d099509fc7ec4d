import { parseArgs } from 'node:util';
import { checkPublicUrl, DEFAULT_HOST, DEFAULT_PORT, startOnairServer } from './onairServer.js';

const USAGE = `Usage: onair-server [--port 8787] [--host 127.0.0.1] [--account-id ID] [--api-token TOKEN]
                    [--db FILE|:memory:] [--ice-server URL[|username|credential]]... [--public-url URL]
                    [--webhook-url URL] [--no-keyframe-cache] [--max-sessions N] [--max-event-loop-lag MS]`;

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
  console.log(`listening on ${server.url}`);

  const shutdown = () => {
    process.off('SIGINT', shutdown);
    process.off('SIGTERM', shutdown);
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

await main().catch((error: unknown) => {
  console.error(`onair-server: ${(error as Error).message}`);
  process.exit(1);
});
