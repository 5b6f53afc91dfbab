// The import rule (ARCHITECTURE.md): the apps talk to the ATS only over the Lever API, so no file in
// packages/{referrals,careers,onboarding} imports @hireloop/ats or a path into packages/ats, and the ATS
// imports no app. app-kit (the app side of a Lever connection, shared by the apps) imports only platform and
// lever, and neither the ATS nor platform/lever import it. platform and lever import no internal package.
// server (the composition root) may import everything. Relative imports that leave their package count as imports of the package they land in.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Internal packages each package may import (besides itself). */
export const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  platform: [],
  lever: [],
  ats: ['platform', 'lever'],
  'app-kit': ['platform', 'lever'],
  referrals: ['platform', 'lever', 'app-kit'],
  careers: ['platform', 'lever', 'app-kit'],
  onboarding: ['platform', 'lever', 'app-kit'],
  server: ['platform', 'lever', 'ats', 'app-kit', 'referrals', 'careers', 'onboarding'],
};

// `import … from 'x'`, `export … from 'x'`, `import 'x'`, `import('x')`, `require('x')`.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*)(['"])([^'"\n]+)\1/g;

export function importSpecifiers(source: string): string[] {
  const withoutComments = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return [...withoutComments.matchAll(SPECIFIER)].map((m) => m[2]!);
}

/** The internal package a specifier points at, seen from `file` (absolute), or undefined if external. */
export function targetPackage(file: string, specifier: string): string | undefined {
  const scoped = /^@hireloop\/([^/]+)/.exec(specifier);
  if (scoped) return scoped[1];
  if (!specifier.startsWith('.') && !specifier.startsWith('/')) return undefined;
  const resolved = path.resolve(path.dirname(file), specifier);
  const rel = path.relative(path.join(ROOT, 'packages'), resolved);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
  return rel.split(path.sep)[0];
}

export function violations(pkg: string, file: string, source: string): string[] {
  const allowed = ALLOWED[pkg] ?? [];
  return importSpecifiers(source).flatMap((specifier) => {
    const target = targetPackage(file, specifier);
    return target && target !== pkg && !allowed.includes(target)
      ? [`${path.relative(ROOT, file)}: ${pkg} must not import ${target} ("${specifier}")`]
      : [];
  });
}

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const full = path.join(entry.parentPath, entry.name);
    return entry.isFile() && /\.(ts|tsx|js|mjs|cjs)$/.test(entry.name) && !full.includes('node_modules')
      ? [full]
      : [];
  });
}

describe('architecture: the import rule', () => {
  it('every package under packages/ has a rule', () => {
    const packages = fs
      .readdirSync(path.join(ROOT, 'packages'))
      .filter((d) => fs.statSync(path.join(ROOT, 'packages', d)).isDirectory());
    assert.deepEqual(
      packages.filter((p) => !(p in ALLOWED)),
      [],
    );
  });

  it('no package imports what it may not (apps ↛ ats, ats ↛ apps/app-kit, app-kit ↛ ats/apps, platform/lever ↛ anything internal)', () => {
    const found = Object.keys(ALLOWED).flatMap((pkg) =>
      sourceFiles(path.join(ROOT, 'packages', pkg)).flatMap((file) =>
        violations(pkg, file, fs.readFileSync(file, 'utf8')),
      ),
    );
    assert.deepEqual(found, []);
  });

  // The checker itself, so an empty package cannot make the rule pass vacuously.
  it('the checker catches scoped, deep, relative and dynamic imports', () => {
    const app = path.join(ROOT, 'packages/referrals/src/referral.routes.ts');
    const source = [
      "import { atsModule } from '@hireloop/ats';",
      "import type { Row } from '@hireloop/ats/domain/opportunity';",
      "export { x } from '../../ats/src/x.ts';",
      "const m = await import('../../ats/src/y.ts');",
      "import '@hireloop/server';",
      "import { createLeverClient } from '@hireloop/lever';",
      "import { loadConfig } from '@hireloop/platform';",
      "import { thing } from './local.ts';",
      "import fastify from 'fastify';",
      "// import { no } from '@hireloop/ats';",
    ].join('\n');
    assert.deepEqual(
      violations('referrals', app, source).map((v) => v.split(': ')[1]),
      [
        'referrals must not import ats ("@hireloop/ats")',
        'referrals must not import ats ("@hireloop/ats/domain/opportunity")',
        'referrals must not import ats ("../../ats/src/x.ts")',
        'referrals must not import ats ("../../ats/src/y.ts")',
        'referrals must not import server ("@hireloop/server")',
      ],
    );
    const ats = path.join(ROOT, 'packages/ats/src/index.ts');
    assert.deepEqual(
      violations(
        'ats',
        ats,
        "import { r } from '@hireloop/careers';\nimport { p } from '@hireloop/platform';",
      ),
      ['packages/ats/src/index.ts: ats must not import careers ("@hireloop/careers")'],
    );
    assert.deepEqual(
      violations('ats', ats, "import { k } from '@hireloop/app-kit/connection/endpoints';").map(
        (v) => v.split(': ')[1],
      ),
      ['ats must not import app-kit ("@hireloop/app-kit/connection/endpoints")'],
    );
    const kit = path.join(ROOT, 'packages/app-kit/src/index.ts');
    assert.deepEqual(
      violations(
        'app-kit',
        kit,
        [
          "import { a } from '@hireloop/ats';",
          "import { r } from '../../referrals/src/index.ts';",
          "import { p } from '@hireloop/platform/html';",
          "import { l } from '@hireloop/lever';",
        ].join('\n'),
      ).map((v) => v.split(': ')[1]),
      [
        'app-kit must not import ats ("@hireloop/ats")',
        'app-kit must not import referrals ("../../referrals/src/index.ts")',
      ],
    );
    assert.deepEqual(
      violations('referrals', app, "import { k } from '@hireloop/app-kit/connection/endpoints';"),
      [],
    );
    const platform = path.join(ROOT, 'packages/platform/src/index.ts');
    assert.deepEqual(
      violations('platform', platform, "import { w } from '@hireloop/lever/wire';").map(
        (v) => v.split(': ')[1],
      ),
      ['platform must not import lever ("@hireloop/lever/wire")'],
    );
  });
});
