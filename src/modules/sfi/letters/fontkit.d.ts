// fontkit (a dependency of pdfkit) ships no types. The little the letters use: parse a font
// once, so every document reuses the parsed tables and glyph cache (pdfkit ≥ 0.18 accepts a
// parsed fontkit font in doc.font()).
declare module 'fontkit' {
  export interface FontkitGlyph {
    id: number;
    codePoints: number[];
    advanceWidth: number;
  }
  export interface FontkitGlyphRun {
    glyphs: FontkitGlyph[];
    positions: Array<{ xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth?: number }>;
    readonly advanceWidth: number;
  }
  export interface FontkitFont {
    postscriptName: string;
    unitsPerEm: number;
    numGlyphs: number;
    getGlyph(id: number): FontkitGlyph & { path: { toSVG(): string } };
    layout(text: string, features?: unknown): FontkitGlyphRun;
    glyphForCodePoint(codePoint: number): FontkitGlyph;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): FontkitFont;
}
