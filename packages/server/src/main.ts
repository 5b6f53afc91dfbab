// The `hireloop` CLI (and `npm start`). Every command honours DATA_DIR / DATABASE_URL; with the embedded
// database a command run while a server holds the data directory goes through that server (cli-channel.ts)
// or says plainly that the server holds it — never a stack trace, never a second writer.
import { Command, InvalidArgumentError, Option } from 'commander';
import cliProgress from 'cli-progress';
import {
  AppError,
  ConfigError,
  DataDirLockedError,
  MigrationError,
  createLogger,
  loadConfig,
  readLock,
  startRuntime,
  stopRuntime,
  type Role,
} from '@hireloop/platform';
import type { CommandContext, CommandResult } from './commands/command.ts';
import { dbCommands } from './commands/index.ts';
import { runThroughServer } from './cli-channel.ts';
import { modulesFor } from './modules.ts';
import { RoleError, serve, stopOnSignals } from './serve.ts';
import { printBanner } from './banner.ts';
import { seedCommand } from './commands/seed.command.ts';

const program = new Command('hireloop')
  .description('Hireloop: a Lever-compatible ATS with referrals, careers and onboarding apps')
  .option('--json', 'machine-readable output')
  .showHelpAfterError();

const json = (): boolean => Boolean(program.opts<{ json?: boolean }>().json);

function output(result: CommandResult): void {
  process.stdout.write(json() ? `${JSON.stringify(result.json)}\n` : `${result.text}\n`);
}

function progressFor(enabled: boolean): CommandContext['progress'] {
  return (label, total) => {
    if (!enabled) return { tick() {}, done() {} };
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {percentage}% {value}/{total} eta {eta_formatted}`, hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0);
    return { tick: (n = 1) => bar.increment(n), done: () => bar.stop() };
  };
}

/** Runs a database command here, or inside the server holding the embedded data directory. */
async function runDbCommand(name: string, args: Record<string, unknown>): Promise<void> {
  const config = loadConfig();
  const command = dbCommands.get(name);
  if (!command) throw new Error(`unknown command ${name}`);
  if (!config.databaseUrl) {
    const holder = readLock(config.dataDir);
    if (holder) {
      // The server's refusal (unknown site, bad permission, …) is a plain message, like a local run's.
      const result = holder.url
        ? await runThroughServer(holder.url, config.dataDir, name, args).catch((e: unknown) => {
            throw new CommandFailedError((e as Error).message);
          })
        : undefined;
      if (result) return output(result);
      throw new DataDirLockedError(config.dataDir, holder);
    }
  }
  const logger = createLogger({ ...config, logLevel: 'warn' });
  const runtime = await startRuntime({
    config,
    logger,
    modules: modulesFor(config),
    command: `hireloop ${name}`,
    migrate: true,
    schedule: false,
  });
  try {
    const showProgress = Boolean(process.stderr.isTTY) && !json() && !process.env.CI;
    output(await command.run({ runtime, progress: progressFor(showProgress) }, args));
  } finally {
    await stopRuntime(runtime);
  }
}

/** A command refused by the server that ran it through the CLI channel; printed without a stack. */
class CommandFailedError extends Error {}

const parseRole = (v: string): Role => {
  if (v === 'web' || v === 'worker' || v === 'all') return v;
  throw new InvalidArgumentError('expected web, worker or all');
};
const parseCount = (v: string): number => {
  const n = Number(v);
  if (!Number.isSafeInteger(n) || n < 1 || n > 10_000_000)
    throw new InvalidArgumentError('expected a count from 1 to 10000000');
  return n;
};

program
  .command('serve')
  .description('run the server (HTTP and/or background workers)')
  .addOption(
    new Option('--role <role>', 'web, worker or all (default: HIRELOOP_ROLE, else all)').argParser(parseRole),
  )
  .action(async (opts: { role?: Role }) => {
    const config = loadConfig();
    const logger = createLogger(config);
    const server = await serve(config, logger, opts.role ?? config.role);
    stopOnSignals(server, logger);
  });

program
  .command('start')
  .description(
    'the demo: migrate, seed the demo tenants on first start, serve everything and print where to sign in',
  )
  .action(async () => {
    // The demo's webhooks go to apps on this machine, so loopback targets are allowed unless set otherwise.
    process.env.HIRELOOP_ALLOW_PRIVATE_WEBHOOKS ??= '1';
    // Keep the banner readable: request logs only when asked for (LOG_LEVEL=info).
    process.env.LOG_LEVEL ??= 'warn';
    const config = loadConfig();
    const logger = createLogger(config);
    const started = Date.now();
    const server = await serve(config, logger, 'all');
    stopOnSignals(server, logger);
    const ctx: CommandContext = { runtime: server.runtime, progress: progressFor(false) };
    await seedCommand.run(ctx, { demo: true });
    await printBanner(ctx, server.url ?? config.publicUrl, Date.now() - started);
  });

program
  .command('migrate')
  .description('apply pending database migrations of every package')
  .action(() => runDbCommand('migrate', {}));

program
  .command('seed')
  .description('create demo data (--demo) or N opportunities for benchmarks (--scale N)')
  .option('--demo', 'the demo tenants with printed sign-in details (idempotent)')
  .option('--scale <count>', 'add COUNT opportunities to the demo account', parseCount)
  .action((opts: { demo?: boolean; scale?: number }) =>
    runDbCommand('seed', { demo: opts.demo, scale: opts.scale }),
  );

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const account = program.command('account').description('ATS accounts (tenants)');
account
  .command('create')
  .description('create an ATS account with the default pipeline; its site code is used in public URLs')
  .requiredOption('--site <site>', 'site code: 2-63 lowercase letters, digits or dashes (e.g. acme)')
  .requiredOption('--name <name>', 'company name shown to people')
  .action((opts: { site: string; name: string }) =>
    runDbCommand('account-create', { site: opts.site, name: opts.name }),
  );

const apiKey = program.command('api-key').description('ATS API keys (HTTP Basic, key as username)');
apiKey
  .command('create')
  .description('create an API key and print it once; permissions cannot be changed later')
  .requiredOption('--site <site>', 'the account the key belongs to')
  .requiredOption('--name <name>', 'what the key is for')
  .option(
    '--permission <key>',
    'a permission such as users:list (repeatable, or comma-separated)',
    collect,
    [],
  )
  .option('--preset <name>', 'a named permission set, e.g. recruitment-marketing')
  .option('--all', 'every permission')
  .option('--confidential', 'allow access to confidential postings and opportunities')
  .action(
    (opts: {
      site: string;
      name: string;
      permission: string[];
      preset?: string;
      all?: boolean;
      confidential?: boolean;
    }) =>
      runDbCommand('api-key-create', {
        site: opts.site,
        name: opts.name,
        permissions: opts.permission,
        preset: opts.preset,
        all: opts.all,
        confidential: opts.confidential,
      }),
  );

const oauthClient = program
  .command('oauth-client')
  .description('OAuth apps that connect by "Sign in with Lever"');
oauthClient
  .command('create')
  .description('register an OAuth app and print its client id and secret (the secret is shown once)')
  .requiredOption('--name <name>', 'the app name shown on the consent page and under Authorized Apps')
  .requiredOption('--redirect-uri <uri>', 'a callback URI, matched exactly (repeatable)', collect, [])
  .option('--site <site>', 'only this account may authorize the app (default: any account)')
  .option('--public', 'a public client (native or browser app): no secret, PKCE required')
  .action((opts: { name: string; redirectUri: string[]; site?: string; public?: boolean }) =>
    runDbCommand('oauth-client-create', {
      name: opts.name,
      redirectUris: opts.redirectUri,
      site: opts.site,
      public: opts.public,
    }),
  );

const referralsOrg = program
  .command('referrals')
  .description('the referrals app')
  .command('org')
  .description('referrals organizations');
referralsOrg
  .command('create')
  .description('create a referrals organization and email its first admin an invitation (link printed too)')
  .requiredOption('--name <name>', 'the organization name')
  .requiredOption('--admin-email <email>', 'who becomes its admin')
  .option('--admin-name <name>', "the admin's name (they can change it when they accept)")
  .action((opts: { name: string; adminEmail: string; adminName?: string }) =>
    runDbCommand('referrals-org-create', {
      name: opts.name,
      adminEmail: opts.adminEmail,
      adminName: opts.adminName,
    }),
  );

const onboardingOrg = program
  .command('onboarding')
  .description('the onboarding app')
  .command('org')
  .description('onboarding organizations');
onboardingOrg
  .command('create')
  .description('create an onboarding organization and email its first admin an invitation (link printed too)')
  .requiredOption('--name <name>', 'the organization name')
  .requiredOption('--admin-email <email>', 'who becomes its people-ops admin')
  .option('--admin-name <name>', "the admin's name")
  .action((opts: { name: string; adminEmail: string; adminName?: string }) =>
    runDbCommand('onboarding-org-create', {
      name: opts.name,
      adminEmail: opts.adminEmail,
      adminName: opts.adminName,
    }),
  );

const careers = program.command('careers').description('the careers app');
careers
  .command('sync')
  .description('sync a careers organization from its ATS now (delta; --full re-lists and removes deletions)')
  .requiredOption('--org <slug>', "the careers organization's site address, e.g. acme")
  .option('--full', 'a full reconcile instead of the changes since the last poll')
  .action((opts: { org: string; full?: boolean }) =>
    runDbCommand('careers-sync', { org: opts.org, full: opts.full }),
  );

function explain(error: unknown): { message: string; code: number } {
  if (error instanceof AppError || error instanceof CommandFailedError)
    return { message: error.message, code: 1 };
  if (error instanceof ConfigError) return { message: error.message, code: 2 };
  if (error instanceof DataDirLockedError) return { message: error.message, code: 3 };
  if (error instanceof RoleError) return { message: error.message, code: 2 };
  if (error instanceof MigrationError) return { message: error.message, code: 4 };
  if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
    return { message: `Port in use: ${(error as Error).message}. Set PORT to another port.`, code: 5 };
  }
  return { message: (error as Error)?.stack ?? String(error), code: 1 };
}

export async function main(argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const { message, code } = explain(error);
    if (json()) process.stdout.write(`${JSON.stringify({ error: message, exitCode: code })}\n`);
    else process.stderr.write(`hireloop: ${message}\n`);
    process.exit(code);
  }
}

await main(process.argv);
