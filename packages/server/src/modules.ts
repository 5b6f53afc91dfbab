// Every module mounted in a process, in migration order. The composition root is the only place that
// imports the ATS and the apps together (apps never import the ATS; see test/architecture.test.ts).
import type { HireloopModule } from '@hireloop/platform';

export const modules: readonly HireloopModule[] = [];
