// The one place that listens. Roles: `all` (default: HTTP + workers + schedules in one process), `web`
// (HTTP only; enqueues jobs) and `worker` (jobs and schedules, no HTTP). N of each on one PostgreSQL is the
// scale-out path; the embedded database allows only `all` (one process may open DATA_DIR).
import net from 'node:net';
import type { Logger } from 'pino';
import {
  startRuntime,
  stopRuntime,
  type Config,
  type Http,
  type Role,
  type Runtime,
} from '@hireloop/platform';
import { buildApp } from './app.ts';
import { registerCliChannel, writeCliToken } from './cli-channel.ts';
import { modulesFor } from './modules.ts';

export interface Server {
  readonly runtime: Runtime;
  readonly app: Http | undefined;
  readonly url: string | undefined;
  /** Stop taking requests and jobs, wait for running jobs up to SHUTDOWN_TIMEOUT_MS, close the database. */
  stop(): Promise<void>;
}

export class RoleError extends Error {
  constructor(role: Role) {
    super(
      `--role ${role} needs PostgreSQL (set DATABASE_URL): the embedded database in DATA_DIR can be opened by ` +
        'one process only, so it runs web and worker together (--role all).',
    );
    this.name = 'RoleError';
  }
}

/**
 * PORT=0 asks for any free port, but links in mail, OAuth redirect URIs and webhook URLs are built from
 * PUBLIC_URL before the server listens. When PUBLIC_URL was not set (it defaults to http://localhost:PORT),
 * pick the free port first so those links point at the port the server really uses.
 */
async function resolveFreePort(config: Config): Promise<Config> {
  if (config.port !== 0 || config.publicUrl !== 'http://localhost:0') return config;
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => probe.once('error', reject).listen(0, config.host, resolve));
  const { port } = probe.address() as net.AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return Object.freeze({ ...config, port, publicUrl: `http://localhost:${port}` });
}

export async function serve(requested: Config, logger: Logger, role: Role): Promise<Server> {
  if (role !== 'all' && !requested.databaseUrl) throw new RoleError(role);
  const config = await resolveFreePort(requested);
  const runtime = await startRuntime({
    config,
    logger,
    modules: modulesFor(config),
    command: `serve --role ${role}`,
    migrate: true,
    schedule: role !== 'web',
  });
  let app: Http | undefined;
  let url: string | undefined;
  try {
    if (role !== 'worker') {
      app = await buildApp(runtime);
      if (runtime.database.lock) registerCliChannel(app, runtime, writeCliToken(config.dataDir));
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      url = `http://localhost:${port}`;
      runtime.database.lock?.setUrl(url);
    }
    if (role !== 'web') await runtime.queue.startWorkers();
  } catch (e) {
    await app?.close();
    await stopRuntime(runtime);
    throw e;
  }
  logger.info({ role, url }, 'hireloop started');
  let stopping: Promise<void> | undefined;
  return {
    runtime,
    app,
    url,
    stop() {
      stopping ??= (async () => {
        await app?.close(); // stops accepting connections, lets in-flight requests finish
        await stopRuntime(runtime); // queue: stop fetching, wait for running jobs (bounded), then close db
      })();
      return stopping;
    },
  };
}

/** SIGTERM/SIGINT → graceful stop; a second signal exits at once. */
export function stopOnSignals(server: Server, logger: Logger): void {
  let received = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(130);
    }
    received = true;
    logger.info({ signal }, 'shutting down');
    server.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
}
