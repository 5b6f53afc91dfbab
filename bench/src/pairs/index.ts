import type { Pair } from '../pair.ts';
import { healthzPair } from './healthz.ts';

/** Every pair `npm run bench -- <name>` knows. Add a file under pairs/ and a line here. */
export const pairs: ReadonlyMap<string, Pair> = new Map([healthzPair].map((p) => [p.name, p]));
