// About twenty Acme Robotics job postings with real-looking content: published, internal-only, a draft,
// a closed and a pending one, one confidential; remote, hybrid and on-site; referral-bonus tags in the two
// spellings the referrals app understands (`referralbonus:3000`, `referralbonus:Win an iPad`).
export interface DemoPosting {
  readonly text: string;
  readonly department: string;
  readonly team: string;
  readonly location: string;
  readonly commitment: 'Full-time' | 'Part-time' | 'Contract' | 'Internship';
  readonly level: string;
  readonly workplaceType: 'on-site' | 'remote' | 'hybrid';
  readonly state: 'published' | 'internal' | 'closed' | 'draft' | 'pending';
  readonly confidential?: boolean;
  readonly tags: readonly string[];
  readonly owner: string;
  readonly hiringManager: string;
  readonly salary: readonly [number, number, string];
  readonly does: readonly string[];
  readonly needs: readonly string[];
  readonly pitch: string;
}

export const p = (x: DemoPosting): DemoPosting => x;
export const BONUS = 'referralbonus:3000';
export const IPAD = 'referralbonus:Win an iPad';
