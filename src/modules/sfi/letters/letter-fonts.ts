import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { FontkitFont, FontkitGlyphRun } from 'fontkit';
import { TrueTypeSubset, TrueTypeTables } from './truetype-subset.ts';

/**
 * The letter's fonts: DejaVu Sans (regular and bold) from Debian's fonts-dejavu-core — a free
 * font (Bitstream Vera licence) with every Latin, Cyrillic and Greek letter a name can need. PDF/A
 * requires embedded fonts, so the standard 14 PDF fonts are not an option. No npm package here
 * ships a usable text font (govuk-frontend's is GDS Transport, which we must not use).
 *
 * Parsed once per process and reused by every document: parsing the 700 KB TTF is most of
 * what a naive letter costs (~30 of ~35 ms). Each letter then embeds a subset of the glyphs it
 * uses (PDF/A allows subsets), made by a byte-level subsetter (truetype-subset.ts), and shapes
 * its words through a layout cache shared by all letters.
 */

export interface LetterFontPaths {
  regular: string;
  bold: string;
}

export const defaultLetterFontPaths: LetterFontPaths = {
  regular: '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  bold: '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
};

export interface LetterFonts {
  regular: FontkitFont;
  bold: FontkitFont;
}

const loaded = new Map<string, LetterFonts>();

/** The parsed fonts for `paths`, read and parsed on first use only. */
export function letterFonts(paths: LetterFontPaths = defaultLetterFontPaths): LetterFonts {
  const key = `${paths.regular}\n${paths.bold}`;
  let fonts = loaded.get(key);
  if (!fonts) {
    fonts = { regular: forLetters(paths.regular), bold: forLetters(paths.bold) };
    loaded.set(key, fonts);
  }
  return fonts;
}

function forLetters(path: string): FontkitFont {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(
      `decision letters need the font ${path}: install the Debian package fonts-dejavu-core (apt-get install fonts-dejavu-core)`,
      { cause: error },
    );
  }
  // Loaded on first use, like pdfkit (decision-letter.ts): importing fontkit is not free.
  const { create } = createRequire(import.meta.url)('fontkit') as typeof import('fontkit');
  return withByteLevelSubset(withSharedLayoutCache(create(bytes)), bytes);
}

/** The font, with pdfkit's per-document subsets made by the byte-level subsetter (truetype-subset.ts). */
export function withByteLevelSubset(font: FontkitFont, bytes: Buffer): FontkitFont {
  const tables = new TrueTypeTables(bytes);
  const subsetting: FontkitFont & { createSubset(): TrueTypeSubset } = Object.create(font);
  subsetting.createSubset = () => new TrueTypeSubset(tables);
  return subsetting;
}

/** Distinct words kept per font; letters reuse a small vocabulary, so this is never reached in practice. */
const LAYOUT_CACHE_LIMIT = 50_000;

/**
 * The font with a layout cache shared by every document. pdfkit caches the shaping of each word
 * (fontkit's layout: GSUB/GPOS lookups, the costliest step once the font is parsed) per document
 * only; letters repeat the same words, so a process-wide cache removes most of that work. The
 * result of layout depends on the text alone (no features are passed for plain text), so caching
 * it is exact. pdfkit scales a run's positions in place: each call gets its own copy of them.
 */
export function withSharedLayoutCache(font: FontkitFont): FontkitFont {
  const runs = new Map<string, FontkitGlyphRun>();
  const cached: FontkitFont = Object.create(font) as FontkitFont;
  cached.layout = (text: string, features?: unknown): FontkitGlyphRun => {
    if (features) return font.layout(text, features);
    let run = runs.get(text);
    if (!run) {
      run = font.layout(text);
      if (runs.size < LAYOUT_CACHE_LIMIT) runs.set(text, run);
    }
    return new CopiedRun(run);
  };
  return cached;
}

/** Plain class instances with fixed fields: pdfkit iterates and rescales them, fast on these shapes. */
class CopiedPosition {
  xAdvance: number;
  yAdvance: number;
  xOffset: number;
  yOffset: number;

  constructor(from: FontkitGlyphRun['positions'][number]) {
    this.xAdvance = from.xAdvance;
    this.yAdvance = from.yAdvance;
    this.xOffset = from.xOffset;
    this.yOffset = from.yOffset;
  }
}

class CopiedRun implements FontkitGlyphRun {
  readonly glyphs: FontkitGlyphRun['glyphs'];
  readonly positions: CopiedPosition[];

  constructor(run: FontkitGlyphRun) {
    this.glyphs = run.glyphs;
    this.positions = new Array<CopiedPosition>(run.positions.length);
    for (let i = 0; i < run.positions.length; i++) this.positions[i] = new CopiedPosition(run.positions[i]!);
  }

  /** As fontkit's GlyphRun: the sum of the (possibly rescaled) advances. */
  get advanceWidth(): number {
    let width = 0;
    for (const position of this.positions) width += position.xAdvance;
    return width;
  }
}
