// `hireloop api-key create --site acme --name NAME (--permission P ... | --preset NAME | --all)
// [--confidential]`: prints the key once, with its permissions (reference §5: permissions and the
// confidential toggle are fixed at creation). Unknown sites, presets and permissions are named in the error.
import { atsContext } from '@hireloop/ats';
import { findAccountBySite } from '@hireloop/ats/domain/accounts/account.service';
import { apiKeyAuditDetails, createApiKey } from '@hireloop/ats/domain/api-keys/api-key.service';
import { auditAts, systemActor } from '@hireloop/ats/domain/audit/ats-audit';
import { AppError, Errors } from '@hireloop/platform';
import type { DbCommand } from './command.ts';

export interface ApiKeyCreateArgs {
  readonly site?: string;
  readonly name?: string;
  readonly permissions?: readonly string[];
  readonly preset?: string;
  readonly all?: boolean;
  readonly confidential?: boolean;
}

export const apiKeyCreateCommand: DbCommand<ApiKeyCreateArgs> = {
  name: 'api-key-create',
  async run({ runtime }, args) {
    const site = args.site?.trim() ?? '';
    if (!site) throw new AppError(Errors.Validation, 'Pass the account with --site (e.g. --site acme)');
    const permissions = (args.permissions ?? [])
      .flatMap((p) => p.split(','))
      .map((p) => p.trim())
      .filter(Boolean);
    if (args.all && (permissions.length || args.preset)) {
      throw new AppError(Errors.Validation, 'Use --all on its own, or --permission/--preset, not both');
    }
    if (!args.all && !permissions.length && !args.preset) {
      throw new AppError(
        Errors.Validation,
        'Choose what the key may do: --permission KEY (repeatable), --preset NAME or --all',
      );
    }
    const { db, publicUrl } = atsContext(runtime);
    const account = await findAccountBySite(db, site);
    if (!account)
      throw new AppError(Errors.NotFound, `Unknown site "${site}": no account has that site code`);
    const { key, secret } = await db.transaction().execute(async (trx) => {
      const made = await createApiKey(trx, {
        accountId: account.id,
        name: args.name ?? '',
        permissions,
        preset: args.preset,
        all: args.all,
        confidentialAccess: args.confidential ? true : undefined,
      });
      // The CLI runs as the operator of the deployment: a system actor, noted as the CLI.
      await auditAts(trx, systemActor(account.id), 'api_key.created', ['api_key', made.key.id], {
        ...apiKeyAuditDetails(made.key),
        via: 'cli',
      });
      return made;
    });
    return {
      json: {
        id: key.id,
        site: account.site,
        name: key.name,
        key: secret,
        permissions: key.permissions,
        confidentialAccess: key.confidential_access,
        createdAt: key.created_at.getTime(),
      },
      text: [
        `API key "${key.name}" for ${account.name} (site ${account.site}):`,
        '',
        `  ${secret}`,
        '',
        'This is the only time the key is shown; store it now. Use it as the HTTP Basic username:',
        `  curl -u '${secret}:' ${publicUrl}/v1/users`,
        '',
        `Confidential data: ${key.confidential_access ? 'allowed' : 'not allowed'}`,
        `Permissions (${key.permissions.length}): ${key.permissions.join(', ')}`,
      ].join('\n'),
    };
  },
};
