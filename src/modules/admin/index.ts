// The admin module's public surface: its module (failed jobs, the dev outbox).
export { adminModule } from './admin.module.ts';
