// Components that show collections: table, pagination, tabs.
import { attrs, classes, html, url, type HtmlValue, type Query, type SafeHtml } from './html.ts';
import { icons } from './icons.ts';

export interface Column<Row> {
  header: HtmlValue;
  cell: (row: Row) => HtmlValue;
  /** Numbers and dates read better right-aligned. */
  align?: 'start' | 'end';
  /** The cell that names the row becomes a row header (<th scope="row">) for screen readers. */
  rowHeader?: boolean;
}

export interface TableProps<Row> {
  /** Names the table (also labels its scroll region); set captionHidden to keep it for screen readers only. */
  caption: string;
  captionHidden?: boolean;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  /** Shown in a full-width row when there are no rows. */
  empty?: HtmlValue;
  /** Put under the table, e.g. pagination(). */
  footer?: HtmlValue;
  /** id of <tbody>, so htmx can swap just the rows. */
  bodyId?: string;
}

export function table<Row>(props: TableProps<Row>): SafeHtml {
  const cellClass = (c: Column<Row>): string | undefined => (c.align === 'end' ? 'num' : undefined);
  const head = props.columns.map(
    (c) => html`<th${attrs({ scope: 'col', class: cellClass(c) })}>${c.header}</th>`,
  );
  const rows = props.rows.length
    ? props.rows.map(
        (row) =>
          html`<tr>${props.columns.map((c) =>
            c.rowHeader
              ? html`<th${attrs({ scope: 'row', class: cellClass(c) })}>${c.cell(row)}</th>`
              : html`<td${attrs({ class: cellClass(c) })}>${c.cell(row)}</td>`,
          )}</tr>`,
      )
    : html`<tr class="table__empty"><td colspan="${props.columns.length}">${props.empty ?? 'Nothing here yet.'}</td></tr>`;
  // A scrollable region must be focusable so keyboard users can scroll it (WCAG 2.1.1).
  return html`<div class="table-wrap" role="region" aria-label="${props.caption}" tabindex="0">
  <table class="table">
    <caption${attrs({ class: props.captionHidden ? 'visually-hidden' : undefined })}>${props.caption}</caption>
    <thead><tr>${head}</tr></thead>
    <tbody${attrs({ id: props.bodyId })}>${rows}</tbody>
  </table>
</div>${props.footer ?? ''}`;
}

export interface PaginationProps {
  /** The list's URL and its current filters; the page token is added to them. */
  href: string;
  query?: Query;
  /** Query parameter carrying the token (Lever's is `offset`). */
  param?: string;
  /** Token of the previous page; '' means "the first page" (no token); null/undefined disables Previous. */
  prevToken?: string | null;
  /** Token of the next page (Lever's `next`); null/undefined disables Next. */
  nextToken?: string | null;
  /** e.g. "Showing 1–25"; cursors rarely know the total. */
  summary?: HtmlValue;
}

export function pagination(props: PaginationProps): SafeHtml {
  const param = props.param ?? 'offset';
  const link = (
    token: string | null | undefined,
    label: string,
    icon: SafeHtml,
    rel: string,
    after: boolean,
  ): SafeHtml => {
    const content = after ? html`<span>${label}</span>${icon}` : html`${icon}<span>${label}</span>`;
    if (token === null || token === undefined) {
      return html`<span class="btn btn--secondary btn--sm is-disabled" aria-disabled="true">${content}</span>`;
    }
    const href = url(props.href, { ...props.query, [param]: token });
    return html`<a class="btn btn--secondary btn--sm" href="${href}" rel="${rel}">${content}</a>`;
  };
  return html`<nav class="pagination" aria-label="Pagination">
  <p class="pagination__summary">${props.summary ?? ''}</p>
  <div class="pagination__links">${link(props.prevToken, 'Previous', icons.chevronLeft, 'prev', false)}${link(
    props.nextToken,
    'Next',
    icons.chevronRight,
    'next',
    true,
  )}</div>
</nav>`;
}

export interface TabItem {
  label: HtmlValue;
  href: string;
  active?: boolean;
  count?: number;
}

export interface TabsProps {
  /** Names the tab bar for screen readers, e.g. "Candidate sections". */
  label: string;
  items: readonly TabItem[];
  /** With a target selector, tabs load their panel with htmx (and push the URL) instead of a full page. */
  hxTarget?: string;
}

/**
 * Tabs that are links (each tab is a URL the server renders). The ARIA tab pattern (role=tablist +
 * arrow keys) is for in-page panels; for links the right semantics are a labelled nav with aria-current.
 */
export function tabs(props: TabsProps): SafeHtml {
  return html`<nav class="tabs" aria-label="${props.label}"><ul>${props.items.map((t) => {
    const a = attrs({
      href: t.href,
      class: classes('tabs__link', t.active && 'is-active'),
      'aria-current': t.active ? 'page' : undefined,
      'hx-get': props.hxTarget ? t.href : undefined,
      'hx-target': props.hxTarget,
      'hx-push-url': props.hxTarget ? 'true' : undefined,
    });
    const count = t.count === undefined ? '' : html` <span class="tabs__count">${t.count}</span>`;
    return html`<li><a${a}>${t.label}${count}</a></li>`;
  })}</ul></nav>`;
}
