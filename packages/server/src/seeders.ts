// Demo and scale seeders, one per module, run in this order by `hireloop seed` and by the first `npm start`.
import type { CommandContext, CommandResult } from './commands/command.ts';

export interface Seeder {
  readonly name: string;
  demo?(ctx: CommandContext): Promise<CommandResult | undefined>;
  scale?(ctx: CommandContext, count: number): Promise<CommandResult | undefined>;
  /** Sign-in lines for the start banner, when demo data exists. */
  banner?(ctx: CommandContext): Promise<string[]>;
}

export const seeders: readonly Seeder[] = [];
