import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

/** Renders a full page; preact escapes every interpolated value. */
export function renderPage(node: VNode): string {
  return '<!DOCTYPE html>' + renderToString(node);
}
