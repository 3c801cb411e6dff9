import type { ComponentChildren } from 'preact';
import type { Locale } from '../../i18n/index.ts';
import { attrs, classNames, type Attributes } from './attributes.ts';
import { componentsTranslator } from './components.i18n.ts';

export interface PaginationLink {
  href: string;
  /** Defaults to "Föregående sida" / "Nästa sida" (the word "sida" only for screen readers). */
  text?: string | undefined;
  children?: ComponentChildren;
  /** Block style only: what the link leads to, e.g. the next section's title. */
  labelText?: string | undefined;
  attributes?: Attributes | undefined;
}

export type PaginationItem =
  | {
      number: number | string;
      href: string;
      current?: boolean | undefined;
      visuallyHiddenText?: string | undefined;
      attributes?: Attributes | undefined;
    }
  | { ellipsis: true };

export interface PaginationProps {
  /** The page's language, for "Föregående", "Nästa", "Sida 3" and the landmark name. */
  locale: Locale;
  previous?: PaginationLink | undefined;
  next?: PaginationLink | undefined;
  /** Numbered pages. Without them the links are shown as blocks (for a sequence of pages). */
  items?: readonly (PaginationItem | null | undefined | false)[] | undefined;
  landmarkLabel?: string | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

function Arrow({ type }: { type: 'prev' | 'next' }) {
  return type === 'prev' ? (
    <svg
      class="govuk-pagination__icon govuk-pagination__icon--prev"
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d="m6.5938-0.0078125-6.7266 6.7266 6.7441 6.4062 1.377-1.449-4.1856-3.9768h12.896v-2h-12.984l4.2931-4.293-1.414-1.414z"></path>
    </svg>
  ) : (
    <svg
      class="govuk-pagination__icon govuk-pagination__icon--next"
      xmlns="http://www.w3.org/2000/svg"
      height="13"
      width="15"
      aria-hidden="true"
      focusable="false"
      viewBox="0 0 15 13"
    >
      <path d="m8.107-0.0078125-1.4136 1.414 4.2926 4.293h-12.986v2h12.896l-4.1855 3.9766 1.377 1.4492 6.7441-6.4062-6.7246-6.7266z"></path>
    </svg>
  );
}

/** GOV.UK pagination: numbered pages, or previous/next blocks for a sequence. */
export function Pagination(props: PaginationProps) {
  const c = componentsTranslator(props.locale);
  // GOV.UK skips empty entries, so a list can be built with conditional items.
  const items = props.items?.filter((i): i is PaginationItem => !!i && Object.keys(i).length > 0);
  const blockLevel = !props.items && !!(props.next || props.previous);
  const arrowLink = (link: PaginationLink, type: 'prev' | 'next', defaultText: ComponentChildren) => (
    <div class={`govuk-pagination__${type}`}>
      <a class="govuk-link govuk-pagination__link" href={link.href} rel={type} {...attrs(link.attributes)}>
        {(blockLevel || type === 'prev') && <Arrow type={type} />}
        <span
          class={classNames(
            'govuk-pagination__link-title',
            blockLevel && !link.labelText && 'govuk-pagination__link-title--decorated',
          )}
        >
          {link.children ?? link.text ?? defaultText}
        </span>
        {link.labelText && blockLevel && (
          <>
            <span class="govuk-visually-hidden">:</span>
            <span class="govuk-pagination__link-label">{link.labelText}</span>
          </>
        )}
        {!blockLevel && type === 'next' && <Arrow type={type} />}
      </a>
    </div>
  );
  return (
    <nav
      class={classNames('govuk-pagination', blockLevel && 'govuk-pagination--block', props.classes)}
      aria-label={props.landmarkLabel || c.t('pagination.landmark')}
      {...attrs(props.attributes)}
    >
      {props.previous?.href &&
        arrowLink(
          props.previous,
          'prev',
          <>
            {c.t('pagination.previous')}
            <span class="govuk-visually-hidden">{c.t('pagination.previousHidden')}</span>
          </>,
        )}
      {items && (
        <ul class="govuk-pagination__list">
          {items.map((item) =>
            'ellipsis' in item ? (
              <li class="govuk-pagination__item govuk-pagination__item--ellipsis">{'\u22EF'}</li>
            ) : (
              <li class={classNames('govuk-pagination__item', item.current && 'govuk-pagination__item--current')}>
                <a
                  class="govuk-link govuk-pagination__link"
                  href={item.href}
                  aria-label={item.visuallyHiddenText ?? c.t('pagination.page', { number: item.number })}
                  aria-current={item.current ? 'page' : undefined}
                  {...attrs(item.attributes)}
                >
                  {item.number}
                </a>
              </li>
            ),
          )}
        </ul>
      )}
      {props.next?.href &&
        arrowLink(
          props.next,
          'next',
          <>
            {c.t('pagination.next')}
            <span class="govuk-visually-hidden">{c.t('pagination.nextHidden')}</span>
          </>,
        )}
    </nav>
  );
}
