import { describe, expect, it } from 'vitest';
import { MAX_PAGES, RenderedPages } from './rendered-once.ts';

describe('pages rendered once', () => {
  it('renders a page on the first request only, with one strong ETag', () => {
    const pages = new RenderedPages();
    let renders = 0;
    const render = () => `<p>Startsidan ${++renders}</p>`;
    const first = pages.getOrRender('/\u0000sv\u0000', render);
    const second = pages.getOrRender('/\u0000sv\u0000', render);
    expect(renders).toBe(1);
    expect(second).toBe(first);
    expect(first.etag).toMatch(/^"[A-Za-z0-9+/=]+"$/);
    // Another language is another page.
    pages.getOrRender('/\u0000ar\u0000', render);
    expect(renders).toBe(2);
  });

  it('never keeps a page with a form: its CSRF token is the visitor’s own', () => {
    const pages = new RenderedPages();
    let renders = 0;
    const render = () => `<form><input type="hidden" name="_csrf" value="token-${++renders}"/></form>`;
    expect(pages.getOrRender('/form', render)).toEqual({
      html: '<form><input type="hidden" name="_csrf" value="token-1"/></form>',
      etag: null,
    });
    pages.getOrRender('/form', render);
    expect(renders).toBe(2);
    expect(pages.size).toBe(0);
  });

  it('keeps at most MAX_PAGES, letting the oldest go', () => {
    const pages = new RenderedPages();
    for (let i = 0; i <= MAX_PAGES; i++) pages.getOrRender(`/?n=${i}`, () => `<p>${i}</p>`);
    expect(pages.size).toBe(MAX_PAGES);
    let rendered = false;
    pages.getOrRender('/?n=0', () => {
      rendered = true;
      return '<p>0</p>';
    });
    expect(rendered).toBe(true);
  });
});
