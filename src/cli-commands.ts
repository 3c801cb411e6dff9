// Each line imports a file that calls registerCommand(). Keep one line per area.
export {};
