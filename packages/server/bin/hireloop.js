#!/usr/bin/env node
// npm bin shim: the CLI is TypeScript run by Node's type stripping (Node 24; see the root README).
import('../src/main.ts').catch((error) => {
  console.error(error);
  process.exit(1);
});
