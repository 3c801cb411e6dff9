import type { ComponentChildren } from 'preact';
import type { Locale } from '../../i18n/index.ts';
import { platformTranslator } from '../../i18n/catalogs/index.ts';
import { attrs, classNames, type Attributes } from './attributes.ts';

export interface BreadcrumbItem {
  text?: string | undefined;
  children?: ComponentChildren;
  /** Without a link the item is the current page (`aria-current="page"`). */
  href?: string | undefined;
  attributes?: Attributes | undefined;
}

export interface BreadcrumbsProps {
  /** The page's language, for the landmark name ("Du är här"). */
  locale: Locale;
  items: readonly BreadcrumbItem[];
  collapseOnMobile?: boolean | undefined;
  labelText?: string | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

/** GOV.UK breadcrumbs, before `<main>` (Layout's `beforeContent`); chevrons flip in right-to-left. */
export function Breadcrumbs(props: BreadcrumbsProps) {
  return (
    <nav
      class={classNames(
        'govuk-breadcrumbs',
        props.classes,
        props.collapseOnMobile && 'govuk-breadcrumbs--collapse-on-mobile',
      )}
      {...attrs(props.attributes)}
      aria-label={props.labelText ?? platformTranslator(props.locale).t('site.breadcrumbs')}
    >
      <ol class="govuk-breadcrumbs__list">
        {props.items.map((item) =>
          item.href ? (
            <li class="govuk-breadcrumbs__list-item">
              <a class="govuk-breadcrumbs__link" href={item.href} {...attrs(item.attributes)}>
                {item.children ?? item.text}
              </a>
            </li>
          ) : (
            <li class="govuk-breadcrumbs__list-item" aria-current="page">
              {item.children ?? item.text}
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
