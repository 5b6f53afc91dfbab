// `@hireloop/lever/client` — see client/index.ts.
export * from './client/index.ts';
