// Each line imports a file that calls registerCommand(). Keep one line per area.
import './platform/auth/token.commands.ts';
import './platform/audit/audit.commands.ts';
import './modules/rules/rules.commands.ts';
import './modules/rules/replay.commands.ts';
export {};
