import { readFileSync } from 'node:fs';
import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { create } from 'fontkit';
import { afterAll, describe, expect, it } from 'vitest';
import { admissionLetter } from '../../../../test/fixtures/decision-letters.ts';
import { readPdfText } from '../../../../test/helpers/pdf.ts';
import { renderDecisionLetter } from './decision-letter.ts';
import { defaultLetterFontPaths, letterFonts } from './letter-fonts.ts';
import { TrueTypeSubset, TrueTypeTables } from './truetype-subset.ts';

const bytes = readFileSync(defaultLetterFontPaths.regular);
const original = create(bytes);
const tables = new TrueTypeTables(bytes);

/** Original glyph ids for a text, in order of first use (as pdfkit includes them). */
function glyphIdsOf(text: string): number[] {
  return [...new Set(original.layout(text).glyphs.map((glyph) => glyph.id))];
}

function sumOfWords(file: Buffer, offset: number, length: number): number {
  let sum = 0;
  for (let at = offset; at < offset + length; at += 4) {
    let word = 0;
    for (let k = 0; k < 4; k++) word = (word << 8) | (at + k < offset + length ? file[at + k]! : 0);
    sum = (sum + (word >>> 0)) >>> 0;
  }
  return sum;
}

describe('TrueType subset for letters', () => {
  // å, ä, ö, Å, Ä, Ö are composite glyphs in DejaVu Sans: their components must come along.
  const text = 'Skolväsendets överklagandenämnd ÅÄÖ åäö 0123456789 – § Ł ł ü';
  const ids = glyphIdsOf(text);
  const subset = new TrueTypeSubset(tables);
  const mapped = ids.map((id) => subset.includeGlyph(id));
  const file = Buffer.from(subset.encode());
  const parsed = create(file);

  it('numbers glyphs in order of first use after .notdef, as pdfkit expects', () => {
    expect(mapped).toEqual(ids.map((_, index) => index + 1));
    expect(subset.includeGlyph(ids[0]!)).toBe(1);
  });

  it("keeps every glyph's outline and advance width (composite glyphs included)", () => {
    expect(parsed.numGlyphs).toBeGreaterThan(ids.length); // components were added after the text's glyphs
    ids.forEach((id, index) => {
      const copy = parsed.getGlyph(index + 1);
      const source = original.getGlyph(id);
      expect(copy.path.toSVG(), `glyph ${id}`).toBe(source.path.toSVG());
      expect(copy.advanceWidth).toBe(source.advanceWidth);
    });
  });

  it('writes valid sfnt checksums (each table, and the whole file via head.checkSumAdjustment)', () => {
    const count = file.readUInt16BE(4);
    const tags: string[] = [];
    for (let i = 0; i < count; i++) {
      const record = 12 + i * 16;
      const tag = file.toString('latin1', record, record + 4);
      tags.push(tag);
      const offset = file.readUInt32BE(record + 8);
      const length = file.readUInt32BE(record + 12);
      let expected = sumOfWords(file, offset, length);
      // The head table's checksum is computed with checkSumAdjustment as 0.
      if (tag === 'head') expected = (expected - file.readUInt32BE(offset + 8)) >>> 0;
      expect(file.readUInt32BE(record + 4), tag).toBe(expected);
    }
    expect(tags).toEqual([...tags].sort());
    expect(tags).toEqual(
      expect.arrayContaining(['head', 'hhea', 'loca', 'maxp', 'glyf', 'hmtx', 'cvt ', 'fpgm', 'prep']),
    );
    expect(sumOfWords(file, 0, file.length)).toBe(0xb1b0afba);
  });

  it('refuses a glyph id the font does not have', () => {
    expect(() => new TrueTypeSubset(tables).includeGlyph(tables.numGlyphs)).toThrow(RangeError);
  });
});

describe('letter fonts', () => {
  const scratch: string[] = [];
  afterAll(async () => {
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  it('share a layout cache that gives the same shaping as fontkit, with positions a caller may change', () => {
    const fonts = letterFonts();
    for (const word of ['Beslut ', 'sfi ', 'överklagandenämnd ', 'Åsa-Öberg ', '2029-01-01']) {
      const fresh = original.layout(word);
      const first = fonts.regular.layout(word);
      first.positions[0]!.xAdvance *= 1000; // pdfkit rescales positions in place
      const second = fonts.regular.layout(word);
      expect(second.glyphs.map((glyph) => glyph.id)).toEqual(fresh.glyphs.map((glyph) => glyph.id));
      expect(second.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset])).toEqual(
        fresh.positions.map((p) => [p.xAdvance, p.yAdvance, p.xOffset, p.yOffset]),
      );
      expect(second.advanceWidth).toBe(fresh.advanceWidth);
    }
  });

  it("keep every character in a later letter's text: O, first embedded as a part of Ö, is still O", async () => {
    // Fonts of their own (copies of the files): no earlier letter has used any of their glyphs.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'letter-fonts-'));
    scratch.push(dir);
    const fonts = { regular: path.join(dir, 'regular.ttf'), bold: path.join(dir, 'bold.ttf') };
    await copyFile(defaultLetterFontPaths.regular, fonts.regular);
    await copyFile(defaultLetterFontPaths.bold, fonts.bold);
    const now = new Date('2026-09-01T10:00:00Z');
    const named = (name: string) => ({ ...admissionLetter, applicant: { ...admissionLetter.applicant, name } });
    // The first letter has Ö and no O: its subset takes O's outline in as a component of Ö.
    const first = await readPdfText(renderDecisionLetter(named('Örjan Östberg'), { now, fonts }));
    expect(first).toContain('Örjan Östberg');
    expect(first).not.toContain('O');
    const second = renderDecisionLetter(named('Olena Oksanen'), { now, fonts });
    expect(await readPdfText(second)).toContain('Olena Oksanen');
  });

  it('are parsed once per process', () => {
    expect(letterFonts()).toBe(letterFonts());
  });

  it('say which Debian package to install when the font file is missing', () => {
    expect(() =>
      letterFonts({ regular: '/nonexistent/DejaVuSans.ttf', bold: '/nonexistent/DejaVuSans-Bold.ttf' }),
    ).toThrow(/fonts-dejavu-core/);
  });
});
