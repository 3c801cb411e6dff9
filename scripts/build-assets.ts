/**
 * Builds the browser assets into public/build: GOV.UK Frontend rebranded for the municipality
 * (Sass → CSS), the progressive-enhancement script (esbuild) and the logo. Runs before start
 * and test; takes a few seconds.
 *
 * The asset route serves public/build flat at /assets/<file>, so every `url(/assets/…)` the
 * CSS refers to is copied here from GOV.UK Frontend's assets (or the build fails), and the
 * build refuses GOV.UK's font or crest should a setting ever bring them back.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import * as sass from 'sass';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'public', 'build');
const govukAssets = join(
  dirname(createRequire(import.meta.url).resolve('govuk-frontend/package.json')),
  'dist',
  'govuk',
  'assets',
);
mkdirSync(out, { recursive: true });

const started = performance.now();
copyFileSync(join(root, 'client', 'logo.svg'), join(out, 'logo.svg'));

// app.scss configures GOV.UK Frontend through `@use … with`, so no deprecated @import and no
// silenced deprecations; warnings from GOV.UK's own sources are still hidden (quietDeps).
const css = sass.compile(join(root, 'client', 'app.scss'), {
  loadPaths: [join(root, 'node_modules')],
  style: 'compressed',
  quietDeps: true,
});

for (const forbidden of ['GDS Transport', 'govuk-crest']) {
  if (css.css.includes(forbidden))
    throw new Error(`app.css contains "${forbidden}": check the GOV.UK Frontend settings in client/app.scss.`);
}
for (const match of css.css.matchAll(/url\(\s*["']?\/assets\/([^"')]+)["']?\s*\)/g)) {
  const file = match[1]!;
  if (file !== basename(file))
    throw new Error(`app.css refers to /assets/${file}: the asset route serves a flat folder.`);
  if (existsSync(join(out, file))) continue;
  const source = [join(govukAssets, 'images', file), join(govukAssets, 'fonts', file)].find((p) => existsSync(p));
  if (!source)
    throw new Error(`app.css refers to /assets/${file}, which neither client/ nor GOV.UK Frontend provides.`);
  copyFileSync(source, join(out, file));
}
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
console.log(`assets built in ${Math.round(performance.now() - started)} ms → public/build`);
