// A CLI command that needs the database. It runs in the CLI process, or — when the embedded data directory
// is held by a running server — inside that server through the local CLI channel (cli-channel.ts), so there
// is never a second writer.
import type { Runtime } from '@hireloop/platform';

export interface CommandResult {
  /** Machine-readable result printed with --json. */
  readonly json: unknown;
  /** What a person reads. */
  readonly text: string;
}

export interface Progress {
  tick(n?: number): void;
  done(): void;
}

export interface CommandContext {
  readonly runtime: Runtime;
  /** A progress bar on a terminal; silent with --json, through the channel, or in CI. */
  progress(label: string, total: number): Progress;
}

export interface DbCommand<A = Record<string, unknown>> {
  readonly name: string;
  run(ctx: CommandContext, args: A): Promise<CommandResult>;
}

export const silentProgress: CommandContext['progress'] = () => ({ tick() {}, done() {} });
