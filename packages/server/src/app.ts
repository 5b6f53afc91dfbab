// buildApp: the whole HTTP app for a runtime — platform core plus every module's routes. Never listens
// (serve.ts does), so tests build it in-process and use inject() or listen on port 0 themselves.
import { createHttp, type Http, type Runtime } from '@hireloop/platform';
import { sql } from 'kysely';
import { modulesFor } from './modules.ts';

export async function buildApp(runtime: Runtime): Promise<Http> {
  const app = await createHttp({
    config: runtime.config,
    logger: runtime.logger,
    readiness: [
      { name: 'database', check: async () => void (await sql`select 1`.execute(runtime.db)) },
      { name: 'queue', check: async () => void (await runtime.queue.boss.getQueues()) },
    ],
  });
  for (const m of modulesFor(runtime.config)) await m.routes?.(app, runtime);
  return app;
}
