// `@hireloop/lever/wire` — see wire/index.ts.
export * from './wire/index.ts';
