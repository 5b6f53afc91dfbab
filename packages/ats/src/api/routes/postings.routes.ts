// Placeholder registration so the /v1 scope composes while this area is being built; replaced by its owner.
import type { Http } from '@hireloop/platform';
import type { AtsContext } from '../../context.ts';

export async function registerPostingRoutes(_app: Http, _ctx: AtsContext): Promise<void> {}
