import { describe, expect, it } from 'vitest';
import { MAX_PAGES, RenderedPages } from './rendered-once.ts';

describe('pages rendered once', () => {
  it('renders a page on the first request only, with one strong ETag', async () => {
    const pages = new RenderedPages();
    let renders = 0;
    const render = () => `<p>Startsidan ${++renders}</p>`;
    const first = await pages.getOrRender('/\u0000sv\u0000', render);
    const second = await pages.getOrRender('/\u0000sv\u0000', render);
    expect(renders).toBe(1);
    expect(second).toBe(first);
    expect(first.etag).toMatch(/^"[A-Za-z0-9+/=]+"$/);
    // Another language is another page.
    await pages.getOrRender('/\u0000ar\u0000', render);
    expect(renders).toBe(2);
  });

  it('never keeps a page with a form: its CSRF token is the visitor’s own', async () => {
    const pages = new RenderedPages();
    let renders = 0;
    const render = () => `<form><input type="hidden" name="_csrf" value="token-${++renders}"/></form>`;
    expect(await pages.getOrRender('/form', render)).toEqual({
      html: '<form><input type="hidden" name="_csrf" value="token-1"/></form>',
      etag: null,
    });
    await pages.getOrRender('/form', render);
    expect(renders).toBe(2);
    expect(pages.size).toBe(0);
  });

  it('keeps at most MAX_PAGES, letting the oldest go', async () => {
    const pages = new RenderedPages();
    for (let i = 0; i <= MAX_PAGES; i++) await pages.getOrRender(`/?n=${i}`, () => `<p>${i}</p>`);
    expect(pages.size).toBe(MAX_PAGES);
    let rendered = false;
    await pages.getOrRender('/?n=0', () => {
      rendered = true;
      return '<p>0</p>';
    });
    expect(rendered).toBe(true);
  });

  it('drops the pages under a topic when its data changes, and every page when changes were missed', async () => {
    const pages = new RenderedPages();
    let renders = 0;
    const render = () => `<p>${++renders}</p>`;
    await pages.getOrRender('/sfi\u0000sv', render, ['e-service-settings:sfi']);
    await pages.getOrRender('/sfi\u0000en', render, ['e-service-settings:sfi']);
    await pages.getOrRender('/', render);
    pages.drop('e-service-settings:other');
    expect(pages.size).toBe(3);
    pages.drop('e-service-settings:sfi');
    expect(pages.size).toBe(1);
    expect((await pages.getOrRender('/sfi\u0000sv', render, ['e-service-settings:sfi'])).html).toBe('<p>4</p>');
    pages.dropAll();
    expect(pages.size).toBe(0);
    expect(pages.get('/')).toBeUndefined();
  });

  it('keeps no page whose data changed while it was being read', async () => {
    const pages = new RenderedPages();
    const served = await pages.getOrRender(
      '/sfi',
      async () => {
        // The old settings were read; then a change commits before the page is kept.
        pages.drop('e-service-settings:sfi');
        return '<p>old</p>';
      },
      ['e-service-settings:sfi'],
    );
    expect(served.html).toBe('<p>old</p>');
    expect(pages.size).toBe(0);
    expect((await pages.getOrRender('/sfi', () => '<p>new</p>', ['e-service-settings:sfi'])).html).toBe('<p>new</p>');
    expect(pages.size).toBe(1);
  });
});
