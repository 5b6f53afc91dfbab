// What `npm start` prints once the server is up: where to click and how to sign in.
import type { CommandContext } from './commands/command.ts';
import { seeders } from './seeders.ts';

export async function printBanner(ctx: CommandContext, url: string, startedInMs: number): Promise<void> {
  const { config, mailer } = ctx.runtime;
  const lines = [
    '',
    `  Hireloop is running at ${url}  (ready in ${(startedInMs / 1000).toFixed(1)} s)`,
    '',
    `  Data: ${config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${config.dataDir}`}`,
    `  Mail: ${mailer.mode === 'smtp' ? 'sent by SMTP (SMTP_URL)' : `captured, read it at ${url}/mailbox`}`,
    `  Webhooks to loopback addresses: ${config.allowPrivateWebhooks ? 'allowed for the demo (HIRELOOP_ALLOW_PRIVATE_WEBHOOKS=1)' : 'blocked'}`,
  ];
  for (const seeder of seeders) {
    const extra = (await seeder.banner?.(ctx, url)) ?? [];
    if (extra.length) lines.push('', ...extra.map((l) => `  ${l}`));
  }
  lines.push(
    '',
    `  Health: ${url}/healthz   Readiness: ${url}/readyz   Metrics: ${url}/metrics`,
    '  Stop with Ctrl+C.',
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}
