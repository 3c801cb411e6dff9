/**
 * The booking day view as a timeline (progressive enhancement). The server sends an accessible
 * table (rooms × 30-minute slots, every state in text); with JavaScript this builds, from that
 * same table, one track per room where consecutive slots of the same booking or state become one
 * segment sized by its length, free slots stay links to the booking form, and a button switches
 * back to the table. Keyboard: Tab reaches every free slot; in a track the arrow keys move
 * between its links (←/→) and to the same time in the room above or below (↑/↓).
 */

interface Segment {
  state: string;
  start: string;
  end: string;
  slots: number;
  /** The cell's content: a link (free, mine) or text. */
  cell: HTMLTableCellElement;
}

function segmentsOf(table: HTMLTableElement, column: number): Segment[] {
  const segments: Segment[] = [];
  for (const row of Array.from(table.tBodies[0]?.rows ?? [])) {
    const cell = row.cells[column + 1] as HTMLTableCellElement | undefined;
    if (!cell) continue;
    const state = cell.dataset.state ?? 'closed';
    const [start = '', end = ''] = (row.cells[0]?.textContent ?? '').split('–');
    const last = segments[segments.length - 1];
    // Free slots stay separate (each is bookable on its own); the rest merge while the text is the same.
    if (last && state !== 'free' && last.state === state && last.cell.textContent === cell.textContent) {
      last.end = end;
      last.slots += 1;
    } else {
      segments.push({ state, start, end, slots: 1, cell });
    }
  }
  return segments;
}

function buildTimeline(table: HTMLTableElement): HTMLElement {
  const timeline = document.createElement('div');
  timeline.className = 'smb-timeline';
  const heads = Array.from(table.tHead?.rows[0]?.cells ?? []).slice(1);
  heads.forEach((head, column) => {
    const room = document.createElement('section');
    room.className = 'smb-timeline__room';
    const heading = document.createElement('h3');
    heading.className = 'govuk-heading-s smb-timeline__name';
    heading.append(...Array.from(head.childNodes).map((n) => n.cloneNode(true)));
    const track = document.createElement('ol');
    track.className = 'smb-timeline__track';
    track.setAttribute('aria-label', head.dataset.room ?? head.textContent ?? '');
    for (const segment of segmentsOf(table, column)) {
      const item = document.createElement('li');
      item.className = `smb-timeline__segment smb-timeline__segment--${segment.state}`;
      item.style.flexGrow = String(segment.slots);
      const time = document.createElement('span');
      time.className = 'smb-timeline__time';
      time.textContent = `${segment.start}–${segment.end} `;
      const content = segment.cell.cloneNode(true) as HTMLElement;
      const link = content.querySelector('a');
      if (link) {
        link.prepend(time);
        item.append(link);
      } else {
        item.append(time, ...Array.from(content.childNodes));
      }
      track.append(item);
    }
    room.append(heading, track);
    timeline.append(room);
  });
  timeline.addEventListener('keydown', (event) => onArrow(timeline, event));
  return timeline;
}

function onArrow(timeline: HTMLElement, event: KeyboardEvent): void {
  const target = event.target as HTMLElement;
  const track = target.closest('.smb-timeline__track');
  if (!track || target.tagName !== 'A') return;
  const links = Array.from(track.querySelectorAll<HTMLAnchorElement>('a'));
  const index = links.indexOf(target as HTMLAnchorElement);
  let next: HTMLAnchorElement | undefined;
  if (event.key === 'ArrowRight') next = links[index + 1];
  else if (event.key === 'ArrowLeft') next = links[index - 1];
  else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
    const tracks = Array.from(timeline.querySelectorAll('.smb-timeline__track'));
    const other = tracks[tracks.indexOf(track) + (event.key === 'ArrowDown' ? 1 : -1)];
    const time = target.querySelector('.smb-timeline__time')?.textContent?.slice(0, 5);
    if (other) {
      const candidates = Array.from(other.querySelectorAll<HTMLAnchorElement>('a'));
      next =
        candidates.find((a) => (a.querySelector('.smb-timeline__time')?.textContent ?? '') >= (time ?? '')) ??
        candidates[candidates.length - 1];
    }
  } else return;
  if (next) {
    event.preventDefault();
    next.focus();
  }
}

export function initDayViews(): void {
  for (const root of Array.from(document.querySelectorAll<HTMLElement>('[data-module="smb-day-view"]'))) {
    const table = root.querySelector('table');
    const scroll = root.querySelector<HTMLElement>('.smb-day__scroll');
    if (!table || !scroll || root.dataset.ready) continue;
    root.dataset.ready = 'true';
    const timeline = buildTimeline(table);
    const toggle = document.createElement('button');
    toggle.type = 'button';
    toggle.className = 'govuk-button govuk-button--secondary smb-day__toggle';
    const show = (asTable: boolean) => {
      scroll.hidden = !asTable;
      timeline.hidden = asTable;
      toggle.textContent = (asTable ? root.dataset.labelTimeline : root.dataset.labelTable) ?? '';
    };
    toggle.addEventListener('click', () => show(scroll.hidden === true));
    root.prepend(toggle);
    root.append(timeline);
    show(false);
  }
}
