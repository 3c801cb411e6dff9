import { createHash } from 'node:crypto';
import { CSRF_FIELD } from './csrf.ts';

/**
 * Pages rendered once per variant for anonymous visitors (issue 14): the start page per
 * language, the rules pages per language and day. A page whose bytes depend only on its URL,
 * the language and a variant its route names (the day) is rendered on the first request and
 * served from memory after; its ETag is computed once too.
 * Never for a signed-in person, a session, or a page with a form (its CSRF token is the
 * visitor's own). Such pages read no database, so nothing has to invalidate them: a new
 * release is a new process. Bounded: the oldest variant goes when MAX_PAGES is reached.
 */
export const MAX_PAGES = 500;

export interface RenderedPage {
  html: string;
  etag: string;
}

export class RenderedPages {
  private readonly pages = new Map<string, RenderedPage>();

  /** The page for `key`, rendering it with `render` the first time; null when it must not be kept. */
  getOrRender(key: string, render: () => string): RenderedPage | { html: string; etag: null } {
    const kept = this.pages.get(key);
    if (kept) return kept;
    const html = render();
    if (html.includes(`name="${CSRF_FIELD}"`)) return { html, etag: null };
    const page = { html, etag: `"${createHash('sha1').update(html).digest('base64')}"` };
    if (this.pages.size >= MAX_PAGES) this.pages.delete(this.pages.keys().next().value!);
    this.pages.set(key, page);
    return page;
  }

  get size(): number {
    return this.pages.size;
  }
}
