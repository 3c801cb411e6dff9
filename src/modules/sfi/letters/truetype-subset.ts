// Kept, not fontkit's subset: with one font object shared by all letters, fontkit's subsetter caches the glyphs it reaches as components (O inside Ö) without their characters, so later letters' text loses them ("Olena" reads "lena"; tested in truetype-subset.test.ts).
/**
 * A fast TrueType subsetter for the fonts embedded in letters, a drop-in for fontkit's subset
 * (pdfkit calls only `includeGlyph(id) → new id` and `encode() → bytes`, and reads `cff`).
 *
 * Why: fontkit decodes every glyph and re-encodes every table field by field through its
 * struct library, about 2.5 ms per font per letter — the largest cost of a letter once the font
 * is parsed once. This one works on the bytes: glyph outlines are copied as they are (composite
 * glyphs get their component ids rewritten), the hinting tables (cvt, fpgm, prep) are copied
 * verbatim, and head/hhea/maxp get their few changed fields patched. The tables written are
 * those PDF requires for an embedded TrueType font (ISO 32000-1, 9.9): head, hhea, loca, maxp,
 * cvt, prep, glyf, hmtx, fpgm — the same set fontkit writes.
 */

interface TableRecord {
  offset: number;
  length: number;
}

/** The parts of a TrueType font (one file, 'glyf' outlines) that subsetting needs. Parsed once. */
export class TrueTypeTables {
  readonly numGlyphs: number;
  private readonly tables = new Map<string, TableRecord>();
  private readonly numberOfHMetrics: number;
  private readonly longLoca: boolean;

  constructor(readonly bytes: Buffer) {
    const version = bytes.readUInt32BE(0);
    if (version !== 0x00010000 && version !== 0x74727565 /* 'true' */)
      throw new Error('not a TrueType font with glyf outlines');
    const count = bytes.readUInt16BE(4);
    for (let i = 0; i < count; i++) {
      const at = 12 + i * 16;
      this.tables.set(bytes.toString('latin1', at, at + 4), {
        offset: bytes.readUInt32BE(at + 8),
        length: bytes.readUInt32BE(at + 12),
      });
    }
    for (const tag of ['head', 'hhea', 'maxp', 'loca', 'glyf', 'hmtx']) {
      if (!this.tables.has(tag)) throw new Error(`TrueType font without a ${tag} table`);
    }
    this.longLoca = bytes.readInt16BE(this.table('head').offset + 50) === 1;
    this.numGlyphs = bytes.readUInt16BE(this.table('maxp').offset + 4);
    this.numberOfHMetrics = bytes.readUInt16BE(this.table('hhea').offset + 34);
  }

  table(tag: string): TableRecord {
    const record = this.tables.get(tag);
    if (!record) throw new Error(`no ${tag} table`);
    return record;
  }

  tableBytes(tag: string): Buffer | null {
    const record = this.tables.get(tag);
    return record ? this.bytes.subarray(record.offset, record.offset + record.length) : null;
  }

  /** The glyph's outline bytes (empty for glyphs without one, e.g. the space). */
  glyph(id: number): Buffer {
    const loca = this.table('loca').offset;
    const start = this.longLoca ? this.bytes.readUInt32BE(loca + id * 4) : this.bytes.readUInt16BE(loca + id * 2) * 2;
    const end = this.longLoca
      ? this.bytes.readUInt32BE(loca + id * 4 + 4)
      : this.bytes.readUInt16BE(loca + id * 2 + 2) * 2;
    const glyf = this.table('glyf').offset;
    return this.bytes.subarray(glyf + start, glyf + end);
  }

  /** Advance width and left side bearing, as stored in hmtx (the last advance repeats). */
  horizontalMetrics(id: number): { advance: number; leftSideBearing: number } {
    const hmtx = this.table('hmtx').offset;
    if (id < this.numberOfHMetrics) {
      return {
        advance: this.bytes.readUInt16BE(hmtx + id * 4),
        leftSideBearing: this.bytes.readInt16BE(hmtx + id * 4 + 2),
      };
    }
    return {
      advance: this.bytes.readUInt16BE(hmtx + (this.numberOfHMetrics - 1) * 4),
      leftSideBearing: this.bytes.readInt16BE(hmtx + this.numberOfHMetrics * 4 + (id - this.numberOfHMetrics) * 2),
    };
  }
}

// Composite glyph flags (OpenType 'glyf').
const ARG_1_AND_2_ARE_WORDS = 0x0001;
const WE_HAVE_A_SCALE = 0x0008;
const MORE_COMPONENTS = 0x0020;
const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
const WE_HAVE_A_TWO_BY_TWO = 0x0080;

export class TrueTypeSubset {
  /** pdfkit checks this to choose CFF or TrueType embedding. */
  readonly cff = undefined;
  private readonly glyphs: number[] = [];
  private readonly mapping = new Map<number, number>();

  constructor(private readonly font: TrueTypeTables) {
    // Glyph 0 (.notdef) is always the first glyph.
    this.includeGlyph(0);
  }

  /** The glyph's id in the subset (assigned in order of first use). */
  includeGlyph(glyph: number | { id: number }): number {
    const id = typeof glyph === 'number' ? glyph : glyph.id;
    let mapped = this.mapping.get(id);
    if (mapped === undefined) {
      if (!Number.isInteger(id) || id < 0 || id >= this.font.numGlyphs)
        throw new RangeError(`no glyph ${id} in the font`);
      mapped = this.glyphs.length;
      this.glyphs.push(id);
      this.mapping.set(id, mapped);
    }
    return mapped;
  }

  /** The subset font file. Components of composite glyphs are added (after the others) as met. */
  encode(): Uint8Array {
    const font = this.font;
    const outlines: Buffer[] = [];
    const offsets: number[] = [];
    let glyfLength = 0;
    // The list grows while composites pull in their components.
    for (let index = 0; index < this.glyphs.length; index++) {
      let outline = font.glyph(this.glyphs[index]!);
      if (outline.length >= 10 && outline.readInt16BE(0) < 0) outline = this.remapComponents(outline);
      offsets.push(glyfLength);
      outlines.push(outline);
      glyfLength += outline.length;
      // Keep every glyph 4-byte aligned (long loca offsets allow any, aligned is kinder to readers).
      const padding = (4 - (outline.length % 4)) % 4;
      if (padding) {
        outlines.push(Buffer.alloc(padding));
        glyfLength += padding;
      }
    }
    offsets.push(glyfLength);
    const count = this.glyphs.length;

    const loca = Buffer.alloc(offsets.length * 4);
    offsets.forEach((offset, i) => loca.writeUInt32BE(offset, i * 4));
    const hmtx = Buffer.alloc(count * 4);
    this.glyphs.forEach((id, i) => {
      const metrics = font.horizontalMetrics(id);
      hmtx.writeUInt16BE(metrics.advance, i * 4);
      hmtx.writeInt16BE(metrics.leftSideBearing, i * 4 + 2);
    });
    const head = Buffer.from(font.tableBytes('head')!);
    head.writeUInt32BE(0, 8); // checkSumAdjustment: computed over the whole file below
    head.writeInt16BE(1, 50); // indexToLocFormat: long offsets
    const hhea = Buffer.from(font.tableBytes('hhea')!);
    hhea.writeUInt16BE(count, 34); // numberOfHMetrics
    const maxp = Buffer.from(font.tableBytes('maxp')!);
    maxp.writeUInt16BE(count, 4); // numGlyphs

    const tables: Array<[string, Buffer]> = [
      ['head', head],
      ['hhea', hhea],
      ['loca', loca],
      ['maxp', maxp],
      ['glyf', Buffer.concat(outlines, glyfLength)],
      ['hmtx', hmtx],
    ];
    for (const tag of ['cvt ', 'fpgm', 'prep']) {
      const bytes = font.tableBytes(tag);
      if (bytes) tables.push([tag, bytes]);
    }
    return writeFontFile(tables);
  }

  /** A copy of a composite glyph with its component glyph ids mapped into the subset. */
  private remapComponents(outline: Buffer): Buffer {
    const copy = Buffer.from(outline);
    let at = 10;
    for (;;) {
      const flags = copy.readUInt16BE(at);
      copy.writeUInt16BE(this.includeGlyph(copy.readUInt16BE(at + 2)), at + 2);
      at += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
      if (flags & WE_HAVE_A_SCALE) at += 2;
      else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) at += 4;
      else if (flags & WE_HAVE_A_TWO_BY_TWO) at += 8;
      if (!(flags & MORE_COMPONENTS)) return copy;
    }
  }
}

/** An sfnt file: offset table, table records sorted by tag, 4-byte aligned tables, checksums. */
function writeFontFile(tables: Array<[string, Buffer]>): Buffer {
  tables.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const count = tables.length;
  const power = 2 ** Math.floor(Math.log2(count));
  const headerLength = 12 + count * 16;
  let length = headerLength;
  for (const [, data] of tables) length += data.length + ((4 - (data.length % 4)) % 4);
  const file = Buffer.alloc(length);
  file.writeUInt32BE(0x00010000, 0);
  file.writeUInt16BE(count, 4);
  file.writeUInt16BE(power * 16, 6);
  file.writeUInt16BE(Math.log2(power), 8);
  file.writeUInt16BE(count * 16 - power * 16, 10);
  let offset = headerLength;
  let headOffset = -1;
  tables.forEach(([tag, data], i) => {
    const record = 12 + i * 16;
    data.copy(file, offset);
    file.write(tag, record, 4, 'latin1');
    file.writeUInt32BE(checksum(file, offset, data.length), record + 4);
    file.writeUInt32BE(offset, record + 8);
    file.writeUInt32BE(data.length, record + 12);
    if (tag === 'head') headOffset = offset;
    offset += data.length + ((4 - (data.length % 4)) % 4);
  });
  // head.checkSumAdjustment makes the whole file sum to 0xB1B0AFBA.
  if (headOffset >= 0) file.writeUInt32BE((0xb1b0afba - checksum(file, 0, file.length)) >>> 0, headOffset + 8);
  return file;
}

/** The sum of the big-endian uint32 words of `length` bytes (zero-padded), modulo 2^32. */
function checksum(buffer: Buffer, offset: number, length: number): number {
  let sum = 0;
  const whole = offset + (length & ~3);
  for (let at = offset; at < whole; at += 4) sum = (sum + buffer.readUInt32BE(at)) >>> 0;
  if (length & 3) {
    let last = 0;
    for (let k = 0; k < 4; k++) last = (last << 8) | (whole + k < offset + length ? buffer[whole + k]! : 0);
    sum = (sum + (last >>> 0)) >>> 0;
  }
  return sum;
}
