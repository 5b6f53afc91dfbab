// The wiring every app module repeats: one context per runtime (created on first use, configuration read
// then), and the session-scoped page area (the app's sessions with its cookie path, CSRF on every unsafe
// request, then the app's pages). Routes outside that area (webhook receiver, public pages, token APIs) are
// registered by the app before it.
import type { Runtime } from '@hireloop/platform';
import type { FastifyInstance } from 'fastify';
import { registerSessions, verifyCsrf } from '@hireloop/platform/sessions/sessions';

/** `create` runs once per runtime; later calls get the same context. */
export function contextPerRuntime<C>(create: (runtime: Runtime) => C): (runtime: Runtime) => C {
  const contexts = new WeakMap<Runtime, C>();
  return (runtime) => {
    let ctx = contexts.get(runtime);
    if (!ctx) {
      ctx = create(runtime);
      contexts.set(runtime, ctx);
    }
    return ctx;
  };
}

export async function registerSessionPages(
  app: FastifyInstance,
  runtime: Runtime,
  options: {
    /** The app's name: session scope and cookie path `/<scope>`. */
    scope: string;
    /** Plugins the pages need before CSRF runs (e.g. multipart, so CSRF can read a multipart form). */
    beforeCsrf?(pages: FastifyInstance): Promise<void>;
    register(pages: FastifyInstance): void;
  },
): Promise<void> {
  await app.register(async (pages) => {
    await registerSessions(pages, {
      db: runtime.db,
      scope: options.scope,
      cookiePath: `/${options.scope}`,
      secret: runtime.config.sessionSecret,
    });
    await options.beforeCsrf?.(pages);
    pages.addHook('preHandler', verifyCsrf(pages));
    options.register(pages);
  });
}
