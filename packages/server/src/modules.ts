// Every module mounted in a process, in migration order. The composition root is the only place that
// imports the ATS and the apps together (apps never import the ATS; see test/architecture.test.ts).
import type { Config, HireloopModule } from '@hireloop/platform';
import { atsModule } from '@hireloop/ats';
import { referralsModule } from '@hireloop/referrals';
import { careersModule } from '@hireloop/careers';
import { onboardingModule } from '@hireloop/onboarding';
import { diagnosticsModule } from './diagnostics/diagnostics.module.ts';

/** The product: ATS first (apps connect to it), then the apps. */
export const productModules: readonly HireloopModule[] = [
  atsModule,
  referralsModule,
  careersModule,
  onboardingModule,
];

/** What this process mounts: the product, plus the test-only diagnostics module when HIRELOOP_DIAGNOSTICS=1. */
export function modulesFor(config: Config): readonly HireloopModule[] {
  return config.diagnostics ? [...productModules, diagnosticsModule] : productModules;
}
