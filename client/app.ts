// Progressive enhancement only: every page works without this script.
import { initAll } from 'govuk-frontend';
import { initBookingGrids } from './booking-grid.ts';
import { initCopyButtons } from './copy.ts';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
initBookingGrids();
initCopyButtons();
