// Korean and Japanese text in the PDFs the server renders (contracts, signature reports, later the guarantee
// certificate): Noto Sans KR and JP, subset to exactly the characters of one document.
//
// What this works around (see the probe notes in /work/shared/notes/pdf-fonts.md):
// - pdf-lib's own subsetting (embedFont(..., { subset: true })) produces fonts whose glyphs render blank for these
//   TTFs, so harfbuzz (subset-font) makes the subset and pdf-lib embeds it whole (subset: false).
// - pdf-lib shapes text with fontkit's layout(), which costs 0.3–0.5 ms a call on these fonts (hundreds of
//   milliseconds a contract), and writes the widths (/W) and text mapping (/ToUnicode) only for glyphs reachable
//   through the cmap. Shaping substitutes others: Noto Sans KR's `calt` puts a 0.28 em space between two Hangul
//   syllables instead of the 0.224 em Latin one, and `liga` makes fi/fl ligatures. Those glyphs were missing from
//   /W, so viewers drew them 1 em wide — the "wide spaces" between Korean words the probe saw (the space glyph was
//   in the subset; its Hangul alternate was not in /W).
//   So this module places glyphs itself: the cmap glyph of each character, plus the one substitution that matters
//   for Korean text (the Hangul word space, learned from the font's own shaping once per document); no ligatures.
//   It measures with the same glyphs, and finalize() writes /W for every glyph of the subset and /ToUnicode for
//   every glyph drawn, so what is drawn is exactly as wide as what was measured, and extracts as the same text.
// - One font covers one script well: the language picks the primary font, and characters it lacks (a Japanese
//   contractor's kana in a Korean contract, Hangul in a Japanese one) are drawn in runs of the other font.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import fontkit, { type Font as FontkitFont } from "@pdf-lib/fontkit";
import {
  beginText,
  endText,
  PDFArray,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFRef,
  popGraphicsState,
  pushGraphicsState,
  setFillingColor,
  setFontAndSize,
  setTextMatrix,
  showText,
  type Color,
  type PDFDocument,
  type PDFFont,
  type PDFPage,
} from "pdf-lib";
import subsetFont from "subset-font";

export type DocumentLanguage = "ko" | "ja" | "en";
export type FontWeight = "regular" | "bold";
type Script = "kr" | "jp";

// Resolved through node_modules from this file: the same from source (vitest, tsx) and from dist/server.js, which
// keeps the API's own dependencies external (apps/api/build.mjs).
const requireFromHere = createRequire(import.meta.url);
const FONT_MODULE_PATHS: Record<Script, Record<FontWeight, string>> = {
  kr: {
    regular: "@expo-google-fonts/noto-sans-kr/400Regular/NotoSansKR_400Regular.ttf",
    bold: "@expo-google-fonts/noto-sans-kr/700Bold/NotoSansKR_700Bold.ttf",
  },
  jp: {
    regular: "@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf",
    bold: "@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf",
  },
};

// Each TTF is about 6 MB: read once per process, on first use. Kept as a Buffer: subset-font's format detection
// (fontverter) only recognises Buffers.
const fontFileCache = new Map<string, Promise<Buffer>>();
function loadFontFile(script: Script, weight: FontWeight): Promise<Buffer> {
  const key = `${script}/${weight}`;
  let bytes = fontFileCache.get(key);
  if (!bytes) {
    bytes = readFile(requireFromHere.resolve(FONT_MODULE_PATHS[script][weight]));
    bytes.catch(() => fontFileCache.delete(key));
    fontFileCache.set(key, bytes);
  }
  return bytes;
}

// Both weights of a family cover the same characters: the regular one answers for both.
const coverageCache = new Map<Script, Promise<FontkitFont>>();
function loadCoverage(script: Script): Promise<FontkitFont> {
  let font = coverageCache.get(script);
  if (!font) {
    font = loadFontFile(script, "regular").then((bytes) => fontkit.create(bytes));
    coverageCache.set(script, font);
  }
  return font;
}

/** Reads the four font files ahead of the first document, so that it is not the one that waits. */
export async function preloadCjkFonts(): Promise<void> {
  await Promise.all([loadCoverage("kr"), loadCoverage("jp"), loadFontFile("kr", "bold"), loadFontFile("jp", "bold")]);
}

export type DrawTextOptions = { x: number; y: number; size: number; weight?: FontWeight; color?: Color };

type Glyph = { id: number; /** In thousandths of an em, as PDF widths are. */ advance: number };

const SPACE = 0x20;
const isHangulSyllable = (codePoint: number | undefined) => codePoint !== undefined && codePoint >= 0xac00 && codePoint <= 0xd7a3;

/** One embedded subset: its PDF font and the glyphs it draws. */
class EmbeddedFace {
  private readonly glyphByCodePoint = new Map<number, Glyph>();
  /** What each drawn glyph stands for, for /ToUnicode. */
  private readonly codePointsByGlyph = new Map<number, number>();
  /** The space Noto Sans KR's calt puts between two Hangul syllables, when the font has one. */
  private readonly hangulSpace: Glyph | null;
  private readonly scale: number;

  constructor(
    readonly pdfFont: PDFFont,
    private readonly subset: FontkitFont,
  ) {
    this.scale = 1000 / subset.unitsPerEm;
    const syllable = subset.characterSet.find((codePoint) => isHangulSyllable(codePoint));
    const shaped = syllable === undefined ? undefined : subset.layout(String.fromCodePoint(syllable, SPACE, syllable)).glyphs[1];
    this.hangulSpace = shaped && shaped.id !== this.glyphOf(SPACE).id ? { id: shaped.id, advance: this.advanceOf(shaped.id) } : null;
  }

  /** The glyphs of a run: one per character, a space between Hangul syllables being the font's Hangul space. */
  glyphsOf(codePoints: readonly number[]): Glyph[] {
    return codePoints.map((codePoint, index) =>
      codePoint === SPACE && this.hangulSpace && isHangulSyllable(codePoints[index - 1]) && isHangulSyllable(codePoints[index + 1])
        ? this.hangulSpace
        : this.glyphOf(codePoint),
    );
  }

  /** Records what the glyphs stand for and returns them as the text operand of Tj. */
  encode(codePoints: readonly number[]): PDFHexString {
    const glyphs = this.glyphsOf(codePoints);
    glyphs.forEach((glyph, index) => {
      if (glyph.id !== 0 && !this.codePointsByGlyph.has(glyph.id)) this.codePointsByGlyph.set(glyph.id, codePoints[index]!);
    });
    return PDFHexString.of(glyphs.map((glyph) => hex4(glyph.id)).join(""));
  }

  get hasDrawn(): boolean {
    return this.codePointsByGlyph.size > 0;
  }

  /** Every glyph's width, glyph 0 first: /W as one run. */
  widths(): number[] {
    const widths: number[] = [];
    for (let glyphId = 0; glyphId < this.subset.numGlyphs; glyphId++) widths.push(Math.round(this.advanceOf(glyphId)));
    return widths;
  }

  toUnicodeCMap(): string {
    return toUnicodeCMap(this.codePointsByGlyph);
  }

  private glyphOf(codePoint: number): Glyph {
    let glyph = this.glyphByCodePoint.get(codePoint);
    if (!glyph) {
      const id = this.subset.glyphForCodePoint(codePoint).id;
      glyph = { id, advance: this.advanceOf(id) };
      this.glyphByCodePoint.set(codePoint, glyph);
    }
    return glyph;
  }

  /** Straight from the hmtx table, as fontkit reads it, without decoding the outline. */
  private advanceOf(glyphId: number): number {
    const { metrics } = (this.subset as unknown as { hmtx: { metrics: { length: number; get(index: number): { advance: number } } } }).hmtx;
    return metrics.get(Math.min(glyphId, metrics.length - 1)).advance * this.scale;
  }
}

/** The fonts of one document. Make it with embedCjkFonts() after collecting all the document's text. */
export class CjkFonts {
  private isFinalized = false;
  private readonly fontKeys = new WeakMap<PDFPage, Map<EmbeddedFace, PDFName>>();

  /** @internal use embedCjkFonts(). */
  constructor(
    private readonly doc: PDFDocument,
    private readonly primary: Script,
    private readonly scriptByCodePoint: ReadonlyMap<number, Script>,
    private readonly faces: ReadonlyMap<string, EmbeddedFace>,
  ) {}

  /** The width in points, exactly as draw() will place it. */
  widthOf(text: string, size: number, weight: FontWeight = "regular"): number {
    let width = 0;
    for (const run of this.runsOf(text, weight)) for (const glyph of run.face.glyphsOf(run.codePoints)) width += glyph.advance;
    return (width * size) / 1000;
  }

  /** Draws one line (no line breaks) starting at x on the baseline y. */
  draw(page: PDFPage, text: string, options: DrawTextOptions): void {
    if (this.isFinalized) throw new Error("CjkFonts.draw after finalize(): the fonts are already written");
    const weight = options.weight ?? "regular";
    let x = options.x;
    for (const run of this.runsOf(text, weight)) {
      page.pushOperators(
        pushGraphicsState(),
        ...(options.color ? [setFillingColor(options.color)] : []),
        beginText(),
        setFontAndSize(this.fontKeyOf(page, run.face), options.size),
        setTextMatrix(1, 0, 0, 1, x, options.y),
        showText(run.face.encode(run.codePoints)),
        endText(),
        popGraphicsState(),
      );
      for (const glyph of run.face.glyphsOf(run.codePoints)) x += (glyph.advance * options.size) / 1000;
    }
  }

  /**
   * Writes the fonts into the document with complete widths and text mapping. Call it once, after the last draw()
   * and before doc.save().
   */
  async finalize(): Promise<void> {
    if (this.isFinalized) return;
    this.isFinalized = true;
    await this.doc.flush();
    const context = this.doc.context;
    for (const face of this.faces.values()) {
      if (!face.hasDrawn) continue;
      const fontDict = context.lookup(face.pdfFont.ref, PDFDict);
      const descendant = fontDict.lookup(PDFName.of("DescendantFonts"), PDFArray).lookup(0, PDFDict);
      descendant.set(PDFName.of("W"), context.obj([0, face.widths()]));
      const oldToUnicode = fontDict.get(PDFName.of("ToUnicode"));
      if (oldToUnicode instanceof PDFRef) context.delete(oldToUnicode);
      fontDict.set(PDFName.of("ToUnicode"), context.register(context.flateStream(face.toUnicodeCMap())));
    }
  }

  /** Runs of one font each; a space stays in the run it is in. */
  private runsOf(text: string, weight: FontWeight): { face: EmbeddedFace; codePoints: number[] }[] {
    const runs: { script: Script; codePoints: number[] }[] = [];
    for (const character of text) {
      const codePoint = character.codePointAt(0)!;
      const last = runs.at(-1);
      const script = codePoint === SPACE && last ? last.script : (this.scriptByCodePoint.get(codePoint) ?? this.primary);
      if (last && last.script === script) last.codePoints.push(codePoint);
      else runs.push({ script, codePoints: [codePoint] });
    }
    return runs.map((run) => ({ face: this.faceOf(run.script, weight), codePoints: run.codePoints }));
  }

  private faceOf(script: Script, weight: FontWeight): EmbeddedFace {
    const face = this.faces.get(`${script}/${weight}`);
    if (!face) throw new Error(`No ${weight} font was embedded for this text: collect all text (per weight) before embedCjkFonts()`);
    return face;
  }

  /** The page's resource name for the face, added once per page. */
  private fontKeyOf(page: PDFPage, face: EmbeddedFace): PDFName {
    let keys = this.fontKeys.get(page);
    if (!keys) this.fontKeys.set(page, (keys = new Map()));
    let key = keys.get(face);
    if (!key) keys.set(face, (key = page.node.newFontDictionary(face.pdfFont.name, face.pdfFont.ref)));
    return key;
  }
}

const hex4 = (value: number) => value.toString(16).padStart(4, "0");

function utf16Hex(codePoint: number): string {
  const text = String.fromCodePoint(codePoint);
  let hex = "";
  for (let index = 0; index < text.length; index++) hex += hex4(text.charCodeAt(index));
  return hex;
}

/** A ToUnicode CMap; bfchar blocks hold at most 100 entries (PDF 32000-1 §9.10.3). */
function toUnicodeCMap(map: ReadonlyMap<number, number>): string {
  const entries = [...map].sort(([a], [b]) => a - b).map(([glyphId, codePoint]) => `<${hex4(glyphId)}> <${utf16Hex(codePoint)}>`);
  const blocks: string[] = [];
  for (let start = 0; start < entries.length; start += 100) {
    const chunk = entries.slice(start, start + 100);
    blocks.push(`${chunk.length} beginbfchar\n${chunk.join("\n")}\nendbfchar`);
  }
  return [
    "/CIDInit /ProcSet findresource begin",
    "12 dict begin",
    "begincmap",
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
    "/CMapName /Adobe-Identity-UCS def",
    "/CMapType 2 def",
    "1 begincodespacerange",
    "<0000> <FFFF>",
    "endcodespacerange",
    ...blocks,
    "endcmap",
    "CMapName currentdict /CMap defineresource pop",
    "end",
    "end",
  ].join("\n");
}

export type DocumentText = {
  /** The document's language picks the primary font: Noto Sans JP for ja, Noto Sans KR for ko and en. */
  language: DocumentLanguage;
  /** Everything that will be drawn in each weight (headers, page numbers and their digits included). */
  regular: string;
  bold: string;
};

/**
 * harfbuzz may end the file with the outline of an empty glyph (a space kept for layout), and fontkit reads a glyph
 * header even for an empty glyph: past the end of the file. A few zero bytes after the last table are ignored by
 * every font reader and make that read return an empty box.
 */
function padFontFile(font: Uint8Array): Uint8Array {
  const padded = new Uint8Array(font.length + 16);
  padded.set(font);
  return padded;
}

/**
 * Embeds the fonts one document needs, each subset to the characters it will draw. All text must be known now:
 * a character that was not collected cannot be drawn later (it comes out blank).
 */
export async function embedCjkFonts(doc: PDFDocument, text: DocumentText): Promise<CjkFonts> {
  doc.registerFontkit(fontkit);
  const primary: Script = text.language === "ja" ? "jp" : "kr";
  const secondary: Script = primary === "kr" ? "jp" : "kr";

  const codePointsByWeight: Record<FontWeight, Set<number>> = { regular: codePointsOf(text.regular), bold: codePointsOf(text.bold) };
  const allCodePoints = new Set([...codePointsByWeight.regular, ...codePointsByWeight.bold]);

  // Which font draws each character: the primary one when it has it, else the other one when that has it.
  const primaryCoverage = await loadCoverage(primary);
  const missing = [...allCodePoints].filter((codePoint) => codePoint !== SPACE && !primaryCoverage.hasGlyphForCodePoint(codePoint));
  const scriptByCodePoint = new Map<number, Script>();
  if (missing.length > 0) {
    const secondaryCoverage = await loadCoverage(secondary);
    for (const codePoint of missing) if (secondaryCoverage.hasGlyphForCodePoint(codePoint)) scriptByCodePoint.set(codePoint, secondary);
  }

  const faces = new Map<string, EmbeddedFace>();
  const jobs: Promise<void>[] = [];
  for (const weight of ["regular", "bold"] as const) {
    if (codePointsByWeight[weight].size === 0) continue;
    const byScript: Record<Script, number[]> = { kr: [], jp: [] };
    for (const codePoint of codePointsByWeight[weight]) byScript[scriptByCodePoint.get(codePoint) ?? primary].push(codePoint);
    for (const script of [primary, secondary]) {
      // The primary font is always there for a weight in use: a leading space or an uncovered character lands in it.
      if (script === secondary && byScript[script].length === 0) continue;
      // A space joins the run it follows, in either font.
      const characters = String.fromCodePoint(...byScript[script], SPACE);
      jobs.push(
        (async () => {
          const subsetBytes = padFontFile(await subsetFont(await loadFontFile(script, weight), characters, { targetFormat: "truetype" }));
          const pdfFont = await doc.embedFont(subsetBytes, { subset: false });
          faces.set(`${script}/${weight}`, new EmbeddedFace(pdfFont, fontkit.create(subsetBytes)));
        })(),
      );
    }
  }
  await Promise.all(jobs);
  return new CjkFonts(doc, primary, scriptByCodePoint, faces);
}

/** The distinct code points of the text, without line breaks and other control characters, which are never drawn. */
function codePointsOf(text: string): Set<number> {
  const codePoints = new Set<number>();
  for (const character of text) {
    const codePoint = character.codePointAt(0)!;
    if (codePoint >= 0x20 && !(codePoint >= 0x7f && codePoint < 0xa0)) codePoints.add(codePoint);
  }
  return codePoints;
}
