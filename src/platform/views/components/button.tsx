import type { ComponentChildren } from 'preact';
import { attrs, classNames, type Attributes } from './attributes.ts';

export interface ButtonProps {
  text?: string | undefined;
  children?: ComponentChildren;
  /** Renders a link styled as a button (`role="button"`), for navigation such as a start page. */
  href?: string | undefined;
  type?: 'submit' | 'button' | 'reset' | undefined;
  name?: string | undefined;
  value?: string | undefined;
  disabled?: boolean | undefined;
  /** Ignores a second click within a second, so a form is not sent twice (GOV.UK script). */
  preventDoubleClick?: boolean | undefined;
  /** The start button: larger, with an arrow; for the call to action on a start page. */
  isStartButton?: boolean | undefined;
  variant?: 'secondary' | 'warning' | 'inverse' | undefined;
  id?: string | undefined;
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

function StartIcon() {
  // focusable="false": old IE made inline SVGs keyboard-focusable.
  return (
    <svg
      class="govuk-button__start-icon"
      xmlns="http://www.w3.org/2000/svg"
      width="17.5"
      height="19"
      viewBox="0 0 33 40"
      aria-hidden="true"
      focusable="false"
    >
      <path fill="currentColor" d="M0 0h13l20 20-20 20H0l20-20z" />
    </svg>
  );
}

/** GOV.UK button, start button or link-as-button. */
export function Button(props: ButtonProps) {
  const className = classNames(
    'govuk-button',
    props.variant && `govuk-button--${props.variant}`,
    props.classes,
    props.isStartButton && 'govuk-button--start',
  );
  // Start buttons are flex containers, which would swallow spaces between JSX children.
  const content =
    props.children !== undefined && props.isStartButton ? (
      <span>{props.children}</span>
    ) : (
      (props.children ?? props.text)
    );
  if (props.href) {
    return (
      <a
        href={props.href}
        role="button"
        draggable={false}
        class={className}
        data-module="govuk-button"
        {...attrs(props.attributes)}
        id={props.id}
      >
        {content}
        {props.isStartButton && <StartIcon />}
      </a>
    );
  }
  return (
    <button
      type={props.type ?? 'submit'}
      value={props.value}
      name={props.name}
      disabled={props.disabled || undefined}
      aria-disabled={props.disabled ? 'true' : undefined}
      data-prevent-double-click={props.preventDoubleClick === undefined ? undefined : String(props.preventDoubleClick)}
      class={className}
      data-module="govuk-button"
      {...attrs(props.attributes)}
      id={props.id}
    >
      {content}
      {props.isStartButton && <StartIcon />}
    </button>
  );
}
