// Baselines: the least a server can do for the same request, so a pair's ratio shows Hireloop's own cost.
import Fastify from 'fastify';
import type { RunningSide } from './pair.ts';

/** Bare Fastify answering `path` with a fixed JSON body: no plugins, no logging, no database. */
export async function startStaticJson(path: string, body: unknown): Promise<RunningSide> {
  const app = Fastify({ logger: false });
  app.get(path, async () => body);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}`, close: () => app.close() };
}
