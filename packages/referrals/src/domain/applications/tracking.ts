// The referral mark carried through the ATS-hosted application form in Lever's `lever-source` tracking
// parameter: "<source label> [ref:<tracking code>]" for an invited candidate, "[link:<code>]" for a personal
// link. The ATS stores it as one of the opportunity's sources; applicationCreated reads it back.
export type TrackingMark = { kind: 'ref' | 'link'; code: string };

export const sourceWithMark = (label: string, mark: TrackingMark): string =>
  `${label} [${mark.kind}:${mark.code}]`;

const MARK = /\[(ref|link):([A-Za-z0-9_-]{8,40})\]/;

export function readMark(sources: readonly string[]): TrackingMark | undefined {
  for (const source of sources) {
    const m = MARK.exec(source);
    if (m) return { kind: m[1] as 'ref' | 'link', code: m[2]! };
  }
  return undefined;
}

/** The ATS application form for the job with the mark in `lever-source` (embedded ATS and real Lever alike). */
export function atsApplyUrl(applyUrl: string, label: string, mark: TrackingMark): string {
  const url = new URL(applyUrl);
  url.searchParams.set('lever-source', sourceWithMark(label, mark));
  return url.toString();
}

/** The link the app puts on every opportunity it creates: how a retry recognises its own earlier create. */
export const applicationMarker = (publicUrl: string, applicationId: string) =>
  `${publicUrl}/referrals/applications/${applicationId}`;
export const isApplicationMarker = (link: string) => /\/referrals\/applications\/[0-9a-f-]{36}$/.test(link);
