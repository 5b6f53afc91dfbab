// Creating and updating postings (reference §2.2): `perform_as` names the creator (and default owner);
// referenced users must belong to the account; `onsite` is accepted for `on-site`; a published posting
// without channels is published on both. Transactions are opened by the caller (the route).
import type { AtsEvents } from '../events/events.ts';
import { AppError, Errors } from '@hireloop/platform';
import type { Confidentiality, DistributionChannel, PostingState, SalaryRange } from '@hireloop/lever/wire';
import type { AtsKysely, PostingContent, RowUpdate } from '../../db.ts';
import type { Visibility } from '../../api/principal.ts';
import { isUuid } from '../../api/query.ts';
import { findUsersByIds } from '../users/user.repository.ts';
import { mergeContent } from './posting-content.ts';
import { findPosting, insertPosting, updatePosting, type PostingRow } from './posting.repository.ts';

/** The write body after schema validation (create requires `text`; update may omit anything). */
export interface PostingInput {
  text?: string;
  state?: PostingState;
  categories?: { team?: string; department?: string; location?: string; commitment?: string; level?: string };
  content?: PostingContent;
  tags?: string[];
  owner?: string;
  hiringManager?: string;
  followers?: string[];
  distributionChannels?: DistributionChannel[];
  requisitionCodes?: string[];
  workplaceType?: string;
  country?: string;
  salaryRange?: SalaryRange;
  salaryDescription?: string;
  salaryDescriptionHtml?: string;
  confidentiality?: Confidentiality;
}

export function invalidField(field: string, message: string, where = 'body'): AppError {
  return new AppError(Errors.Validation, `Invalid value for ${field}: ${message}`, {
    details: { fields: [{ field, in: where, message }] },
  });
}

/** `perform_as` must be an active user of the account (reference §1.6). */
export async function checkPerformAs(
  db: AtsKysely,
  accountId: string,
  performAs: string | undefined,
  required: boolean,
): Promise<string | undefined> {
  if (performAs === undefined || performAs === '') {
    if (required)
      throw invalidField(
        'perform_as',
        'is required (the id of the user the action is attributed to)',
        'querystring',
      );
    return undefined;
  }
  const [user] = isUuid(performAs) ? await findUsersByIds(db, accountId, [performAs]) : [];
  if (!user || user.deactivated_at)
    throw invalidField('perform_as', `"${performAs}" is not an active user of this account`, 'querystring');
  return user.id;
}

async function checkUsers(db: AtsKysely, accountId: string, input: PostingInput): Promise<void> {
  const refs: [string, string][] = [];
  if (input.owner) refs.push(['owner', input.owner]);
  if (input.hiringManager) refs.push(['hiringManager', input.hiringManager]);
  (input.followers ?? []).forEach((id, i) => refs.push([`followers.${i}`, id]));
  const ids = [...new Set(refs.map(([, id]) => id))].filter(isUuid);
  const known = new Set((await findUsersByIds(db, accountId, ids)).map((u) => u.id));
  const missing = refs.find(([, id]) => !known.has(id));
  if (missing) throw invalidField(missing[0], `"${missing[1]}" is not a user of this account`);
}

function checkConfidentiality(vis: Visibility, value: Confidentiality | undefined): void {
  // A credential without confidential access could make a posting it can no longer see (reference §1.8).
  if (value === 'confidential' && !vis.confidential) {
    throw new AppError(
      Errors.Forbidden,
      'Creating confidential postings needs a credential with access to confidential data',
    );
  }
}

const unique = (values: readonly string[]): string[] => [
  ...new Set(values.map((v) => v.trim()).filter(Boolean)),
];

/** Columns set by a write body; only the fields present change (update merges categories and content). */
function columnsFor(input: PostingInput, stored?: PostingRow): RowUpdate<'ats.posting'> {
  const out: RowUpdate<'ats.posting'> = {};
  if (input.text !== undefined) out.text = input.text.trim();
  if (input.state !== undefined) out.state = input.state;
  const c = input.categories;
  if (c) {
    for (const key of ['team', 'department', 'commitment', 'level'] as const) {
      if (c[key] !== undefined) out[key] = c[key].trim() || null;
    }
    if (c.location !== undefined) {
      out.location = c.location.trim() || null;
      out.all_locations = out.location ? [out.location] : [];
    }
  }
  if (input.content) out.content = JSON.stringify(mergeContent(stored?.content ?? {}, input.content));
  if (input.tags) out.tags = unique(input.tags);
  if (input.owner !== undefined) out.owner_id = input.owner;
  if (input.hiringManager !== undefined) out.hiring_manager_id = input.hiringManager;
  if (input.followers) out.followers = [...new Set(input.followers)];
  if (input.distributionChannels) out.distribution_channels = [...new Set(input.distributionChannels)];
  if (input.requisitionCodes) {
    out.requisition_codes = unique(input.requisitionCodes);
    out.req_code = out.requisition_codes[0] ?? null;
  }
  if (input.workplaceType !== undefined)
    out.workplace_type = input.workplaceType === 'onsite' ? 'on-site' : input.workplaceType;
  if (input.country !== undefined) {
    const country = input.country.trim().toUpperCase();
    if (country && !/^[A-Z]{2}$/.test(country))
      throw invalidField('country', 'must be an ISO 3166-1 alpha-2 code such as "US"');
    out.country = country || null;
  }
  if (input.salaryRange !== undefined) out.salary_range = JSON.stringify(input.salaryRange);
  if (input.salaryDescription !== undefined) out.salary_description = input.salaryDescription;
  if (input.salaryDescriptionHtml !== undefined) out.salary_description_html = input.salaryDescriptionHtml;
  if (input.confidentiality !== undefined) out.confidentiality = input.confidentiality;
  // Publishing without naming channels publishes everywhere; Lever shows `null` channels only when unpublished.
  const state = out.state ?? stored?.state;
  if (state === 'published' && !out.distribution_channels && !stored?.distribution_channels) {
    out.distribution_channels = ['public', 'internal'];
  }
  return out;
}

// Every change emits a posting extension event (postingCreated/Updated/Deleted) in its transaction, so
// apps that subscribe see postings change within seconds; against real Lever they delta-poll instead.

export async function createPosting(
  db: AtsKysely,
  events: AtsEvents,
  vis: Visibility,
  performAs: string,
  input: PostingInput & { text: string },
): Promise<PostingRow> {
  await checkUsers(db, vis.accountId, input);
  checkConfidentiality(vis, input.confidentiality);
  const cols = columnsFor({ state: 'draft', ...input });
  const now = new Date();
  const row = await insertPosting(db, {
    ...cols,
    account_id: vis.accountId,
    text: input.text.trim(),
    user_id: performAs,
    owner_id: cols.owner_id ?? performAs,
    // The creator follows the posting unless followers are named (Lever's example lists the creator).
    followers: cols.followers ?? [performAs],
    created_at: now,
    updated_at: now,
  } as Parameters<typeof insertPosting>[1]);
  await events.emit(db, vis.accountId, 'postingCreated', { postingId: row.id, createdAt: now.getTime() });
  return row;
}

/** Updates a visible posting; undefined when it does not exist for this caller (→ 404). */
export async function updatePostingById(
  db: AtsKysely,
  events: AtsEvents,
  vis: Visibility,
  id: string,
  input: PostingInput,
): Promise<PostingRow | undefined> {
  const stored = await findVisiblePosting(db, vis, id);
  if (!stored) return undefined;
  await checkUsers(db, vis.accountId, input);
  checkConfidentiality(vis, input.confidentiality);
  if (input.text !== undefined && !input.text.trim()) throw invalidField('text', 'must not be empty');
  const now = new Date();
  const row = await updatePosting(db, vis.accountId, id, { ...columnsFor(input, stored), updated_at: now });
  if (row)
    await events.emit(db, vis.accountId, 'postingUpdated', { postingId: id, updatedAt: now.getTime() });
  return row;
}

/** The posting if this caller may see it: same account, not deleted, confidential only with access. */
export async function findVisiblePosting(
  db: AtsKysely,
  vis: Visibility,
  id: string,
): Promise<PostingRow | undefined> {
  if (!isUuid(id)) return undefined;
  const row = await findPosting(db, vis.accountId, id);
  if (!row || (row.confidentiality === 'confidential' && !vis.confidential)) return undefined;
  return row;
}

export async function deletePostingById(
  db: AtsKysely,
  events: AtsEvents,
  vis: Visibility,
  id: string,
): Promise<boolean> {
  if (!(await findVisiblePosting(db, vis, id))) return false;
  const now = new Date();
  if (!(await updatePosting(db, vis.accountId, id, { deleted_at: now, updated_at: now }))) return false;
  await events.emit(db, vis.accountId, 'postingDeleted', { postingId: id, deletedAt: now.getTime() });
  return true;
}
