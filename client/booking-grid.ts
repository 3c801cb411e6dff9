/**
 * Arrow keys in the booking grid (progressive enhancement: without this script every slot is a
 * link in the tab order). The grid becomes one tab stop: Tab enters it at the first free slot
 * (or the last one used) and leaves it; ←/→ move along a room's row, ↑/↓ to the same time in the
 * room above or below (the nearest slot there), Home/End to the row's ends; Enter follows the
 * link as always. Cells say their minutes (`data-from`, `data-to`), so spanned cells line up.
 */

const SLOT = '[data-grid-slot]';

function rowsOf(grid: HTMLElement): HTMLAnchorElement[][] {
  return Array.from(grid.querySelectorAll('tbody tr'))
    .map((row) => Array.from(row.querySelectorAll<HTMLAnchorElement>(SLOT)))
    .filter((row) => row.length > 0);
}

function minuteOf(link: HTMLElement): number {
  return Number(link.closest<HTMLElement>('[data-from]')?.dataset.from ?? 0);
}

function nearest(row: HTMLAnchorElement[], minute: number): HTMLAnchorElement | undefined {
  let best: HTMLAnchorElement | undefined;
  for (const link of row)
    if (!best || Math.abs(minuteOf(link) - minute) < Math.abs(minuteOf(best) - minute)) best = link;
  return best;
}

function focusOnly(grid: HTMLElement, target: HTMLAnchorElement): void {
  for (const link of Array.from(grid.querySelectorAll<HTMLAnchorElement>(SLOT))) link.tabIndex = -1;
  target.tabIndex = 0;
  target.focus();
}

function onKey(grid: HTMLElement, event: KeyboardEvent): void {
  const link = (event.target as HTMLElement).closest<HTMLAnchorElement>(SLOT);
  if (!link || event.altKey || event.ctrlKey || event.metaKey) return;
  const rows = rowsOf(grid);
  const r = rows.findIndex((row) => row.includes(link));
  if (r < 0) return;
  const row = rows[r]!;
  const i = row.indexOf(link);
  // In a right-to-left page the time axis runs right to left: → goes back in time.
  const rtl = getComputedStyle(grid).direction === 'rtl';
  const forward = rtl ? 'ArrowLeft' : 'ArrowRight';
  const back = rtl ? 'ArrowRight' : 'ArrowLeft';
  let next: HTMLAnchorElement | undefined;
  if (event.key === forward) next = row[i + 1];
  else if (event.key === back) next = row[i - 1];
  else if (event.key === 'Home') next = row[0];
  else if (event.key === 'End') next = row[row.length - 1];
  else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    const other = rows[r + (event.key === 'ArrowDown' ? 1 : -1)];
    if (other) next = nearest(other, minuteOf(link));
  } else return;
  event.preventDefault();
  if (next) focusOnly(grid, next);
}

export function initBookingGrids(): void {
  for (const grid of Array.from(document.querySelectorAll<HTMLElement>('[data-module="smb-grid"]'))) {
    if (grid.dataset.ready) continue;
    grid.dataset.ready = 'true';
    const links = Array.from(grid.querySelectorAll<HTMLAnchorElement>(SLOT));
    if (links.length === 0) continue;
    const first = grid.querySelector<HTMLAnchorElement>('.smb-grid__cell--free a') ?? links[0]!;
    for (const link of links) link.tabIndex = link === first ? 0 : -1;
    grid.addEventListener('keydown', (event) => onKey(grid, event));
    // The last slot used keeps the tab stop, so Tab back into the grid returns there.
    grid.addEventListener('focusin', (event) => {
      const link = (event.target as HTMLElement).closest<HTMLAnchorElement>(SLOT);
      if (link && link.tabIndex !== 0) focusOnly(grid, link);
    });
  }
  for (const hint of Array.from(document.querySelectorAll<HTMLElement>('[data-grid-hint]'))) hint.hidden = false;
}
