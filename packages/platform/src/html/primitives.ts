// Small building blocks. Pure functions of their props: no request, no db, no clock.
import { attrs, classes, html, type AttrValue, type HtmlValue, type SafeHtml } from './html.ts';
import { icons } from './icons.ts';

/** Extra attributes (htmx, data-*, aria-*) passed through attrs(): names and URL values are checked there. */
export type ExtraAttrs = Readonly<Record<string, AttrValue>>;

export type ButtonVariant = 'primary' | 'secondary' | 'danger' | 'ghost';

export interface ButtonProps {
  label: HtmlValue;
  variant?: ButtonVariant;
  type?: 'button' | 'submit' | 'reset';
  name?: string;
  value?: string;
  disabled?: boolean;
  /** Asks "are you sure?" before the click acts (hireloop.js; works for plain forms and htmx alike). */
  confirm?: string;
  size?: 'md' | 'sm';
  attrs?: ExtraAttrs;
}

const buttonClass = (variant: ButtonVariant = 'secondary', size: 'md' | 'sm' = 'md'): string =>
  classes('btn', `btn--${variant}`, size === 'sm' && 'btn--sm');

export function button(props: ButtonProps): SafeHtml {
  const a = attrs({
    type: props.type ?? 'submit',
    class: buttonClass(props.variant, props.size),
    name: props.name,
    value: props.value,
    disabled: props.disabled,
    'data-confirm': props.confirm,
    ...props.attrs,
  });
  return html`<button${a}>${props.label}</button>`;
}

export interface LinkButtonProps {
  label: HtmlValue;
  href: string;
  variant?: ButtonVariant;
  size?: 'md' | 'sm';
  attrs?: ExtraAttrs;
}

export function linkButton(props: LinkButtonProps): SafeHtml {
  const a = attrs({ href: props.href, class: buttonClass(props.variant, props.size), ...props.attrs });
  return html`<a${a}>${props.label}</a>`;
}

export interface Breadcrumb {
  label: string;
  href: string;
}

export interface PageHeaderProps {
  title: HtmlValue;
  subtitle?: HtmlValue;
  /** Buttons/links on the right (wrap below the title on phones). */
  actions?: HtmlValue;
  breadcrumbs?: readonly Breadcrumb[];
}

export function pageHeader(props: PageHeaderProps): SafeHtml {
  const crumbs = props.breadcrumbs?.length
    ? html`<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>${props.breadcrumbs.map(
        (c) => html`<li><a href="${c.href}">${c.label}</a></li>`,
      )}</ol></nav>`
    : '';
  return html`<div class="page-header">
  <div class="page-header__text">${crumbs}<h1>${props.title}</h1>${
    props.subtitle ? html`<p class="page-header__subtitle">${props.subtitle}</p>` : ''
  }</div>${props.actions ? html`<div class="page-header__actions">${props.actions}</div>` : ''}
</div>`;
}

export type Tone = 'neutral' | 'brand' | 'success' | 'warning' | 'danger' | 'info';

export interface BadgeProps {
  label: HtmlValue;
  tone?: Tone;
  /** A dot before the label: reads as a status indicator (colour is never the only signal: the label is). */
  dot?: boolean;
}

export function badge(props: BadgeProps): SafeHtml {
  return html`<span class="${classes('badge', `badge--${props.tone ?? 'neutral'}`, props.dot && 'badge--dot')}">${
    props.label
  }</span>`;
}

export interface CardProps {
  title?: HtmlValue;
  /** Heading level of the title, so cards nest under the page's h1 correctly. */
  level?: 2 | 3;
  actions?: HtmlValue;
  body: HtmlValue;
  footer?: HtmlValue;
  tone?: 'default' | 'danger';
  /** Drops the body padding, for tables and lists that run edge to edge. */
  flush?: boolean;
}

export function card(props: CardProps): SafeHtml {
  const heading =
    props.title === undefined
      ? ''
      : (props.level ?? 2) === 2
        ? html`<h2 class="card__title">${props.title}</h2>`
        : html`<h3 class="card__title">${props.title}</h3>`;
  const head = heading || props.actions ? html`<div class="card__head">${heading}${props.actions}</div>` : '';
  const tag = props.title === undefined ? 'div' : 'section';
  const cls = classes('card', props.tone === 'danger' && 'card--danger', props.flush && 'card--flush');
  const inner = html`${head}<div class="card__body">${props.body}</div>${
    props.footer ? html`<div class="card__footer">${props.footer}</div>` : ''
  }`;
  return tag === 'div'
    ? html`<div class="${cls}">${inner}</div>`
    : html`<section class="${cls}">${inner}</section>`;
}

export interface EmptyStateProps {
  title: HtmlValue;
  message?: HtmlValue;
  action?: HtmlValue;
}

export function emptyState(props: EmptyStateProps): SafeHtml {
  return html`<div class="empty-state">
  <div class="empty-state__icon">${icons.inbox}</div>
  <p class="empty-state__title">${props.title}</p>${
    props.message ? html`<p class="empty-state__message">${props.message}</p>` : ''
  }${props.action ? html`<div class="empty-state__action">${props.action}</div>` : ''}
</div>`;
}

export interface DefinitionItem {
  term: HtmlValue;
  description: HtmlValue;
}

export function definitionList(props: { items: readonly DefinitionItem[]; columns?: boolean }): SafeHtml {
  return html`<dl class="${classes('dl', props.columns && 'dl--columns')}">${props.items.map(
    (item) =>
      html`<div class="dl__row"><dt>${item.term}</dt><dd>${item.description === '' || item.description == null ? '—' : item.description}</dd></div>`,
  )}</dl>`;
}
