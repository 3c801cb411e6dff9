/**
 * A small, strict HTML normaliser for comparing markup in tests (GOV.UK's fixtures and our
 * rendered components are well-formed): one line per tag or text, attributes sorted, class
 * tokens sorted, whitespace collapsed, entities decoded. Script translations (`data-i18n.*`)
 * are dropped: ours are localised on purpose.
 */

const VOID = new Set(['input', 'img', 'br', 'hr', 'meta', 'link']);

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&ctdot;/g, '⋯')
    .replace(/&amp;/g, '&');
}

/** One line per tag or text: attributes sorted, class tokens sorted, whitespace collapsed. */
export function normalise(html: string): string[] {
  const out: string[] = [];
  const re = /<!--[\s\S]*?-->|<(\/?)([a-zA-Z][\w-]*)((?:\s+[^\s=>/]+(?:\s*=\s*"[^"]*")?)*)\s*(\/?)>|([^<]+)/g;
  for (const m of html.matchAll(re)) {
    if (m[0].startsWith('<!--')) continue;
    if (m[5] !== undefined) {
      const text = decode(m[5]).replace(/\s+/g, ' ').trim();
      if (text) out.push(`#text ${text}`);
      continue;
    }
    const [, closing, rawName, rawAttrs] = m;
    const name = rawName!.toLowerCase();
    if (closing) {
      if (!VOID.has(name)) out.push(`</${name}>`);
      continue;
    }
    const attrs: string[] = [];
    for (const a of (rawAttrs ?? '').matchAll(/([^\s=>/]+)(?:\s*=\s*"([^"]*)")?/g)) {
      const key = a[1]!.toLowerCase();
      if (key.startsWith('data-i18n.')) continue; // translated script texts: ours are localised on purpose
      let value = decode(a[2] ?? '');
      if (key === 'class') value = [...new Set(value.split(/\s+/).filter(Boolean))].sort().join(' ');
      else value = value.replace(/\s+/g, ' ').trim();
      attrs.push(`${key}="${value}"`);
    }
    attrs.sort();
    out.push(`<${name}${attrs.length ? ' ' + attrs.join(' ') : ''}>`);
    if (m[4] && !VOID.has(name)) out.push(`</${name}>`); // <path/> in SVG
  }
  return out;
}

/** The text a person sees: tags gone (attribute values such as a checkbox's code are not read). */
export function visibleText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
