// @ts-check
/**
 * Builds what the platform runs, each part only when its sources changed since the last build
 * (a fingerprint of their paths, sizes and modification times, kept beside the output):
 *
 *   public/build/  the browser assets: GOV.UK Frontend rebranded for the municipality (Sass →
 *                  CSS), the progressive-enhancement script (esbuild) and the logo;
 *   dist/          the server compiled and bundled by esbuild: dist/main.js (what `npm start`
 *                  runs) and dist/letter-thread.js (the decision letters' worker threads), with
 *                  source maps. npm packages stay outside the bundle, loaded from node_modules.
 *
 *   node scripts/build.mjs            both parts (npm start)
 *   node scripts/build.mjs --assets   the assets only (npm test: tests run the TypeScript sources)
 *   node scripts/build.mjs --force    rebuild even if nothing changed
 *
 * Plain JavaScript, so that `npm start` loads no TypeScript compiler at all; tsx is for
 * development and tests.
 *
 * The asset route serves public/build flat at /assets/<file>, so every `url(/assets/…)` the CSS
 * refers to is copied here from GOV.UK Frontend's assets (or the build fails), and the build
 * refuses GOV.UK's font or crest should a setting ever bring them back.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const force = args.has('--force');
const require = createRequire(import.meta.url);
const govukPackage = require.resolve('govuk-frontend/package.json');

/** Every file under `paths` (files or folders), with size and modification time, hashed. */
function fingerprint(paths) {
  const hash = createHash('sha256');
  const visit = (path) => {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      for (const name of readdirSync(path).sort()) visit(join(path, name));
    } else {
      hash.update(`${relative(root, path)}\0${stat.size}\0${stat.mtimeMs}\n`);
    }
  };
  for (const path of paths) visit(path);
  return hash.digest('hex');
}

/** Runs `build` unless the fingerprint of `sources` matches the one stored in `out` by the last build. */
async function buildIfChanged(name, out, sources, build) {
  const stamp = join(out, '.sources');
  const current = fingerprint([...sources, fileURLToPath(import.meta.url)]);
  if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === current) return;
  const started = performance.now();
  rmSync(stamp, { force: true }); // an interrupted build must not look finished
  mkdirSync(out, { recursive: true });
  await build(out);
  writeFileSync(stamp, current);
  console.log(`${name} built in ${Math.round(performance.now() - started)} ms → ${relative(root, out)}`);
}

async function buildAssets(out) {
  // Loaded only when something changed: Sass alone takes about half a second to load.
  const [esbuild, sass] = await Promise.all([import('esbuild'), import('sass')]);
  const govukAssets = join(dirname(govukPackage), 'dist', 'govuk', 'assets');
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
    const file = match[1];
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
}

async function buildServer(out) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    entryPoints: {
      main: join(root, 'src', 'main.ts'),
      'letter-thread': join(root, 'src', 'modules', 'sfi', 'letters', 'letter-threads.ts'),
    },
    outdir: out,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: ['node20'],
    packages: 'external',
    sourcemap: true,
    // The maps point at src/, which ships beside dist/: without the sources copied in, the server
    // keeps about 4 MB less in memory for --enable-source-maps.
    sourcesContent: false,
    tsconfig: join(root, 'tsconfig.json'),
    logLevel: 'warning',
  });
}

await buildIfChanged('assets', join(root, 'public', 'build'), [join(root, 'client'), govukPackage], buildAssets);
if (!args.has('--assets')) {
  await buildIfChanged(
    'server',
    join(root, 'dist'),
    ['src', 'package.json', 'package-lock.json', 'tsconfig.json'].map((p) => join(root, p)),
    buildServer,
  );
}
