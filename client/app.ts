// Progressive enhancement only: every page works without this script.
import { initAll } from 'govuk-frontend';
import { initDayViews } from './booking-day.ts';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
initDayViews();
