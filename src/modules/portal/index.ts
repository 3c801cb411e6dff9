// The portal's public surface: its module (the start page).
export { portalModule } from './portal.module.ts';
