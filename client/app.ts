// Progressive enhancement only: every page works without this script.
import { initAll } from 'govuk-frontend';

document.body.classList.add('js-enabled', 'govuk-frontend-supported');
initAll();
