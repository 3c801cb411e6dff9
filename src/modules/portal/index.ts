import type { NavProvider } from '../../platform/http/platform.tsx';
export { portalRoutes } from './portal.routes.tsx';

/** Links the portal contributes to the main navigation. */
export const portalNav: NavProvider = () => [];
