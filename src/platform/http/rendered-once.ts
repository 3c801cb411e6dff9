import { createHash } from 'node:crypto';
import { CSRF_FIELD } from './csrf.ts';

/**
 * Pages rendered once per variant for anonymous visitors (issue 14): the start page per
 * language, the rules pages per language and day, the SFI start page per language and day. A
 * page whose bytes depend only on its URL, the language, a variant its route names (the day)
 * and data named by topics is rendered on the first request and served from memory after; its
 * ETag is computed once too.
 * Never for a signed-in person, a session, or a page with a form (its CSRF token is the
 * visitor's own).
 * A page that reads the database names the topics of what it read (`e-service-settings:sfi`);
 * the service that changes that data calls notifyChanged in its transaction, and every web
 * process drops the pages under that topic when the transaction commits
 * (platform/db/change-notifications.ts). When the listening connection was lost, every page
 * goes, since a notification may have been missed. Pages without topics read no database: a new
 * release is a new process. Bounded: the oldest variant goes when MAX_PAGES is reached.
 */
export const MAX_PAGES = 500;

export interface RenderedPage {
  html: string;
  etag: string;
}

interface KeptPage extends RenderedPage {
  topics: readonly string[];
}

export class RenderedPages {
  private readonly pages = new Map<string, KeptPage>();
  private readonly keysByTopic = new Map<string, Set<string>>();
  /** Counts drops: a page rendered while one happened may show the data from before it. */
  private drops = 0;

  /** The page kept for `key`, if any: the common case answers without waiting for anything. */
  get(key: string): RenderedPage | undefined {
    return this.pages.get(key);
  }

  /**
   * The page for `key`, rendering it with `render` the first time; etag null when it must not be
   * kept. `topics` name the data the page shows; the render may read it from the database.
   */
  async getOrRender(
    key: string,
    render: () => string | Promise<string>,
    topics: readonly string[] = [],
  ): Promise<RenderedPage | { html: string; etag: null }> {
    const kept = this.pages.get(key);
    if (kept) return kept;
    const dropsBefore = this.drops;
    const html = await render();
    if (html.includes(`name="${CSRF_FIELD}"`)) return { html, etag: null };
    const page = { html, etag: `"${createHash('sha1').update(html).digest('base64')}"`, topics };
    // The data changed while it was read: serve what was read, but keep nothing possibly stale.
    if (topics.length > 0 && this.drops !== dropsBefore) return page;
    if (this.pages.size >= MAX_PAGES) this.forget(this.pages.keys().next().value!);
    this.pages.set(key, page);
    for (const topic of topics) {
      let keys = this.keysByTopic.get(topic);
      if (!keys) this.keysByTopic.set(topic, (keys = new Set()));
      keys.add(key);
    }
    return page;
  }

  /** The data named by `topic` changed: its pages are rendered again on their next request. */
  drop(topic: string): void {
    this.drops++;
    for (const key of this.keysByTopic.get(topic) ?? []) this.pages.delete(key);
    this.keysByTopic.delete(topic);
  }

  /** Changes may have been missed: every page is rendered again. */
  dropAll(): void {
    this.drops++;
    this.pages.clear();
    this.keysByTopic.clear();
  }

  get size(): number {
    return this.pages.size;
  }

  private forget(key: string): void {
    const page = this.pages.get(key);
    this.pages.delete(key);
    for (const topic of page?.topics ?? []) {
      const keys = this.keysByTopic.get(topic);
      keys?.delete(key);
      if (keys?.size === 0) this.keysByTopic.delete(topic);
    }
  }
}
