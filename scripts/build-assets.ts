/**
 * Builds the browser assets into public/build: GOV.UK Frontend rebranded for the municipality
 * (Sass → CSS), the progressive-enhancement script (esbuild) and the logo. Runs before start
 * and test; takes a few seconds.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import * as sass from 'sass';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'build');
mkdirSync(out, { recursive: true });

const started = performance.now();
const css = sass.compile(join(root, 'client', 'app.scss'), {
  loadPaths: [join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
  silenceDeprecations: ['import', 'global-builtin', 'slash-div'] as sass.DeprecationOrId[],
});
writeFileSync(join(out, 'app.css'), css.css);

await esbuild.build({
  entryPoints: [join(root, 'client', 'app.ts')],
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['es2020'],
  outfile: join(out, 'app.js'),
  logLevel: 'warning',
});
copyFileSync(join(root, 'client', 'logo.svg'), join(out, 'logo.svg'));
console.log(`assets built in ${Math.round(performance.now() - started)} ms → public/build`);
