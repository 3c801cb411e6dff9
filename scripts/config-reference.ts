/** Prints the configuration reference as a Markdown table (pasted into the README; a test keeps them in step). */
import { describeConfig } from '../src/platform/config/config.ts';

console.log('| variable | default | description |');
console.log('| --- | --- | --- |');
for (const v of describeConfig()) {
  console.log(
    `| \`${v.name}\` | ${v.defaultValue !== undefined ? `\`${v.defaultValue}\`` : '—'} | ${v.description.replace(/\|/g, '\\|')} |`,
  );
}
