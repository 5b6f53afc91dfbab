// Rewards from posting tags (the HireUp convention): `referralbonus:3000` is money in the organization's
// reward currency, `referralbonus:Win an iPad` is a text reward. A malformed tag never breaks a sync: it
// becomes a warning the admin sees next to the job (and in the sync run).

export const REWARD_TAG_PREFIX = 'referralbonus:';

export type Reward =
  | { kind: 'none'; warning?: string }
  | { kind: 'money'; amount: number; warning?: string }
  | { kind: 'text'; text: string; warning?: string };

const MAX_TEXT = 200;
const MAX_AMOUNT = 1_000_000_000;

/** Parses the first well-formed `referralbonus:` tag; later or broken ones produce a warning. */
export function parseReward(tags: readonly string[]): Reward {
  const candidates = tags.filter((t) => t.trim().toLowerCase().startsWith(REWARD_TAG_PREFIX));
  const warnings: string[] = [];
  let reward: Reward | undefined;
  for (const tag of candidates) {
    const value = tag.trim().slice(REWARD_TAG_PREFIX.length).trim();
    const parsed = parseValue(value);
    if ('error' in parsed) warnings.push(`Tag "${tag}": ${parsed.error}`);
    else if (reward) warnings.push(`Tag "${tag}" ignored: the job already has a reward from an earlier tag`);
    else reward = parsed;
  }
  const warning = warnings.length ? warnings.join('; ') : undefined;
  const result: Reward = reward ?? { kind: 'none' };
  return warning ? { ...result, warning } : result;
}

function parseValue(value: string): Reward | { error: string } {
  if (value === '') return { error: 'no value after "referralbonus:"' };
  // Money: digits with optional thousands separators and up to two decimals ("3000", "3,000", "2500.50").
  const compact = value.replace(/[\s,_]/g, '');
  if (/^[0-9.+-]+$/.test(compact)) {
    if (!/^\d+(\.\d{1,2})?$/.test(compact)) return { error: `"${value}" is not a valid amount` };
    const amount = Number(compact);
    if (amount <= 0) return { error: 'the amount must be more than 0' };
    if (amount > MAX_AMOUNT) return { error: 'the amount is too large' };
    return { kind: 'money', amount };
  }
  if (value.length > MAX_TEXT) return { error: `the text is longer than ${MAX_TEXT} characters` };
  return { kind: 'text', text: value };
}
