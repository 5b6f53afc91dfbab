// buildApp: the whole HTTP app for a runtime — platform core plus every module's routes. Never listens
// (serve.ts does), so tests build it in-process and use inject() or listen on port 0 themselves.
import { createHttp, type Http, type Runtime } from '@hireloop/platform';
import { assetsPlugin, renderErrorHtml } from '@hireloop/platform/html';
import { registerMailboxPages } from '@hireloop/platform/mail/mailbox.pages';
import { sql } from 'kysely';
import { modulesFor } from './modules.ts';
import { homeLinks, registerHomePage } from './home.pages.ts';

export async function buildApp(runtime: Runtime): Promise<Http> {
  const app = await createHttp({
    config: runtime.config,
    logger: runtime.logger,
    readiness: [
      { name: 'database', check: async () => void (await sql`select 1`.execute(runtime.db)) },
      { name: 'queue', check: async () => void (await runtime.queue.boss.getQueues()) },
    ],
    // Browsers get an error page that says why; API clients keep the JSON body.
    htmlErrorRenderer: () => renderErrorHtml,
  });
  await app.register(assetsPlugin);
  const modules = modulesFor(runtime.config);
  for (const m of modules) await m.routes?.(app, runtime);
  // Captured mail is readable only outside production: an open mailbox would leak sign-in links.
  const mailbox = runtime.mailer.mode === 'captured' && runtime.config.env !== 'production';
  if (mailbox) registerMailboxPages(app, runtime.db);
  registerHomePage(app, () => homeLinks(runtime, modules, mailbox));
  return app;
}
