import type { ComponentChildren } from 'preact';

/**
 * A table that must stay a table, too wide for a phone: it scrolls sideways inside this region
 * so the page itself reflows (WCAG 1.4.10). The region is focusable, so keyboard users can
 * scroll it, and named, so screen readers say what it holds (usually the table's caption).
 */
export function ScrollRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="smb-table-scroll" role="region" tabindex={0} aria-label={label}>
      {children}
    </div>
  );
}
