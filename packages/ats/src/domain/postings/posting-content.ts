// Posting text comes in two spellings (reference §2.2 content, §6.1 `*Plain` fields): clients may write
// plain text or HTML, and both are served. We keep what was written and derive the other spelling here.
import { escapeHtml } from '@hireloop/platform/html';
import type { PostingContent } from '../../db.ts';

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  '#39': "'",
  nbsp: ' ',
  '#96': '`',
};

/** HTML → readable text: block ends become newlines, tags dropped, the common entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6]|ul|ol)>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|nbsp|#96);/g, (_m, e: string) => ENTITIES[e] ?? '')
    .replace(/\n{3,}/g, '\n\n');
}

/** Text → HTML: escaped, one <div> per line (Lever's descriptionHtml uses <div> blocks). */
export function textToHtml(text: string): string {
  if (!text) return '';
  return text
    .split('\n')
    .map((line) => `<div>${line ? escapeHtml(line) : '<br>'}</div>`)
    .join('');
}

export interface FullContent {
  description: string;
  descriptionHtml: string;
  lists: { text: string; content: string }[];
  closing: string;
  closingHtml: string;
}

/** Both spellings of each part; an explicit value wins over the derived one. */
export function completeContent(c: PostingContent): FullContent {
  const pair = (text: string | undefined, html: string | undefined): [string, string] => [
    text ?? (html ? htmlToText(html) : ''),
    html ?? (text ? textToHtml(text) : ''),
  ];
  const [description, descriptionHtml] = pair(c.description, c.descriptionHtml);
  const [closing, closingHtml] = pair(c.closing, c.closingHtml);
  return { description, descriptionHtml, lists: c.lists ?? [], closing, closingHtml };
}

/** Merges an update into stored content: a part written in one spelling drops the stale other spelling. */
export function mergeContent(stored: PostingContent, update: PostingContent): PostingContent {
  const out: PostingContent = { ...stored };
  if (update.description !== undefined || update.descriptionHtml !== undefined) {
    delete out.description;
    delete out.descriptionHtml;
    if (update.description !== undefined) out.description = update.description;
    if (update.descriptionHtml !== undefined) out.descriptionHtml = update.descriptionHtml;
  }
  if (update.closing !== undefined || update.closingHtml !== undefined) {
    delete out.closing;
    delete out.closingHtml;
    if (update.closing !== undefined) out.closing = update.closing;
    if (update.closingHtml !== undefined) out.closingHtml = update.closingHtml;
  }
  if (update.lists !== undefined) out.lists = update.lists;
  return out;
}
