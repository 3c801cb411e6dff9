import type { ComponentChildren } from 'preact';

/**
 * Extra HTML attributes for a component's main element, like the `attributes` option of the
 * GOV.UK Frontend macros. Values are escaped like any other attribute.
 */
export type Attributes = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * Content given either as plain text or as JSX. There is deliberately no raw-HTML option:
 * where GOV.UK's macros take `html`, these components take children, which Preact escapes.
 */
export interface Content {
  text?: string | undefined;
  children?: ComponentChildren;
}

/** Text or JSX with optional extra classes, for labels, hints, legends and cells. */
export interface ContentWithClasses extends Content {
  classes?: string | undefined;
  attributes?: Attributes | undefined;
}

export function contentOf(content: Content | undefined): ComponentChildren {
  if (!content) return null;
  return content.children ?? content.text ?? null;
}

export function hasContent(content: Content | undefined): boolean {
  if (!content) return false;
  const { children, text } = content;
  return (
    (children !== undefined && children !== null && children !== false && children !== '') ||
    (text !== undefined && text !== '')
  );
}

/** Joins class names, skipping empty parts. */
export function classNames(...parts: (string | false | null | undefined)[]): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' ');
}

/** Joins element ids for `aria-describedby`; undefined when there are none (no empty attribute). */
export function joinIds(...ids: (string | false | null | undefined)[]): string | undefined {
  const joined = ids.filter((p): p is string => typeof p === 'string' && p.trim() !== '').join(' ');
  return joined === '' ? undefined : joined;
}

/** Spreadable form of `Attributes` for JSX (Preact's element types do not take an index signature). */
export function attrs(attributes: Attributes | undefined): Record<string, unknown> {
  return (attributes ?? {}) as Record<string, unknown>;
}
