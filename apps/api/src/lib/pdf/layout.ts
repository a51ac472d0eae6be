// A small flow layout for the server's PDFs: a document is a list of blocks (text, key–value tables, columns),
// laid out top to bottom on A4 pages with page breaks, then stamped with a header and "- 1 / 3 -" footer on every
// page. The blocks are plain data, so a renderer can first collect every string (collectBlockText) to subset the
// fonts, then lay the same blocks out.
import { rgb, type Color, type PDFDocument, type PDFPage } from "pdf-lib";
import type { CjkFonts, FontWeight } from "./cjk-fonts.ts";

/** A4 portrait in points. */
export const A4_SIZE: [number, number] = [595.28, 841.89];

export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.4, 0.4, 0.45);
export const RULE = rgb(0.6, 0.6, 0.64);
export const KEY_FILL = rgb(0.94, 0.95, 0.96);

export type TextBlock = {
  type: "text";
  text: string;
  size: number;
  weight?: FontWeight;
  color?: Color;
  align?: "left" | "center" | "right";
  /** Points from the left margin, for every line. */
  indent?: number;
  spaceBefore?: number;
  spaceAfter?: number;
  /** A heading: moves to the next page with the first lines of what follows rather than stay alone at the bottom. */
  keepWithNext?: boolean;
};

export type KeyValueBlock = {
  type: "keyValue";
  rows: { key: string; value: string }[];
  size: number;
  /** Width of the key column in points. */
  keyWidth: number;
  spaceAfter?: number;
};

/** Side-by-side columns of lines kept together on one page (signature blocks, parties). */
export type ColumnsBlock = {
  type: "columns";
  columns: { text: string; weight?: FontWeight; color?: Color }[][];
  size: number;
  spaceBefore?: number;
  spaceAfter?: number;
  /** Draws a box around each column, with this much room below its last line (e.g. where a seal would go). */
  boxed?: { paddingBottom: number };
};

/**
 * A table that may run over several pages: its header row is drawn again at the top of every page it continues
 * on, and a row moves to the next page whole (only a row taller than a page is cut between lines). Cells wrap.
 */
export type TableBlock = {
  type: "table";
  /** `width` is a share of the content width (the shares are added up, so 3, 1, 1 is 60 %, 20 %, 20 %). */
  columns: { header: string; width: number; align?: "left" | "center" | "right" }[];
  /** One cell per column. A shaded row (a total) is filled like the header. */
  rows: { cells: string[]; weight?: FontWeight; isShaded?: boolean }[];
  size: number;
  spaceBefore?: number;
  spaceAfter?: number;
};

export type PageBreakBlock = { type: "pageBreak" };
export type RuleBlock = { type: "rule"; spaceBefore?: number; spaceAfter?: number };

/**
 * Room for something the renderer draws itself (an authentication key in cells, a figure): the layout keeps the
 * height on one page and calls draw with the box's top-left corner and the content width. `text` is what draw will
 * write, by weight, so that collectBlockText() subsets the fonts for it.
 */
export type DrawingBlock = {
  type: "drawing";
  height: number;
  text: { regular?: string; bold?: string };
  draw(page: PDFPage, box: { left: number; top: number; width: number }): void;
  spaceBefore?: number;
  spaceAfter?: number;
};

export type Block = TextBlock | KeyValueBlock | ColumnsBlock | TableBlock | PageBreakBlock | RuleBlock | DrawingBlock;

/** Everything the blocks will draw, by weight: what embedCjkFonts() needs. */
export function collectBlockText(blocks: readonly Block[]): { regular: string; bold: string } {
  const regular: string[] = [];
  const bold: string[] = [];
  const add = (text: string, weight: FontWeight | undefined) => (weight === "bold" ? bold : regular).push(text);
  for (const block of blocks) {
    if (block.type === "text") add(block.text, block.weight);
    else if (block.type === "keyValue") {
      for (const row of block.rows) {
        add(row.key, "bold");
        add(row.value, "regular");
      }
    }
    else if (block.type === "columns") for (const column of block.columns) for (const line of column) add(line.text, line.weight);
    else if (block.type === "table") {
      for (const column of block.columns) add(column.header, "bold");
      for (const row of block.rows) add(row.cells.join("\n"), row.weight);
    }
    else if (block.type === "drawing") {
      add(block.text.regular ?? "", "regular");
      add(block.text.bold ?? "", "bold");
    }
  }
  return { regular: regular.join("\n"), bold: bold.join("\n") };
}

// ---- line breaking ------------------------------------------------------------------------------------------------

/** Han, kana and CJK punctuation: a line may break before or after any of them (Japanese and Chinese practice). */
const BREAKS_AROUND = /[\u2E80-\u2FFF\u3000-\u303F\u3040-\u30FF\u3190-\u31FF\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF01-\uFF60\u{20000}-\u{3FFFF}]/u;
/** Never at the start of a line (行頭禁則): closing brackets, stops, small kana, the long-vowel mark; and Latin stops. */
const NO_BREAK_BEFORE = /[、。，．・：；？！ー～」』）］｝〕〉》】ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々ゝゞヽヾ,.;:!?)\]}%]/u;
/** Never at the end of a line (行末禁則): opening brackets. */
const NO_BREAK_AFTER = /[「『（［｛〔〈《【([{]/u;

/**
 * Splits a paragraph (no line breaks) into unbreakable pieces and spaces. Latin words and Korean words (어절) break at
 * spaces only — Korean contracts are set word by word, as 한글 and Word do by default; Japanese (and Chinese) text
 * may break between any two characters, except where the kinsoku rules above forbid it.
 */
export function tokenizeForWrapping(text: string): string[] {
  const tokens: string[] = [];
  let previous = "";
  for (const character of text) {
    const last = tokens.length - 1;
    if (character === " " || character === "\t") {
      if (tokens[last] === " ") continue;
      tokens.push(" ");
    } else if (last < 0 || tokens[last] === " ") {
      tokens.push(character);
    } else if (NO_BREAK_BEFORE.test(character) || NO_BREAK_AFTER.test(previous)) {
      tokens[last] += character;
    } else if (BREAKS_AROUND.test(character) || BREAKS_AROUND.test(previous)) {
      tokens.push(character);
    } else {
      tokens[last] += character;
    }
    previous = character;
  }
  return tokens;
}

/**
 * Greedy line filling. `measure` gives the drawn width of a string; pieces are added up and only a line close to
 * the limit is measured whole (shaping can change a width in context, e.g. the space between Hangul syllables).
 * A piece wider than a line is cut between characters.
 */
export function wrapText(text: string, maxWidth: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  let line = "";
  let lineWidth = 0;
  let pendingSpace = false;
  const spaceWidth = measure(" ");
  const fits = (candidate: string, estimate: number) => estimate <= maxWidth * 0.9 || measure(candidate) <= maxWidth;
  const pushLine = () => {
    if (line !== "") lines.push(line);
    line = "";
    lineWidth = 0;
    pendingSpace = false;
  };

  for (const token of tokenizeForWrapping(text)) {
    if (token === " ") {
      pendingSpace = line !== "";
      continue;
    }
    const tokenWidth = measure(token);
    const joined = pendingSpace ? `${line} ${token}` : line + token;
    const estimate = lineWidth + (pendingSpace ? spaceWidth : 0) + tokenWidth;
    if (line === "" || fits(joined, estimate)) {
      if (line !== "" || tokenWidth <= maxWidth) {
        line = joined;
        lineWidth = estimate;
        pendingSpace = false;
        continue;
      }
    } else {
      pushLine();
      if (tokenWidth <= maxWidth) {
        line = token;
        lineWidth = tokenWidth;
        continue;
      }
    }
    // Longer than a whole line (a long number, a URL): cut it between characters.
    for (const character of token) {
      const candidate = line + character;
      if (line !== "" && measure(candidate) > maxWidth) {
        pushLine();
        line = character;
      } else {
        line = candidate;
      }
    }
    lineWidth = measure(line);
  }
  pushLine();
  return lines;
}

// ---- the layout -----------------------------------------------------------------------------------------------------

export type Margins = { top: number; right: number; bottom: number; left: number };

const LINE_HEIGHT = 1.55;
const CELL_PADDING = 5;

export class PdfLayout {
  readonly pageSize: [number, number];
  readonly margins: Margins;
  private page: PDFPage | null = null;
  /** The top of the next line, in PDF coordinates (from the bottom). */
  private cursorY = 0;

  constructor(
    private readonly doc: PDFDocument,
    private readonly fonts: CjkFonts,
    options: { pageSize?: [number, number]; margins?: Margins } = {},
  ) {
    this.pageSize = options.pageSize ?? A4_SIZE;
    this.margins = options.margins ?? { top: 68, right: 56, bottom: 68, left: 56 };
  }

  get contentWidth(): number {
    return this.pageSize[0] - this.margins.left - this.margins.right;
  }

  render(blocks: readonly Block[]): void {
    blocks.forEach((block, index) => {
      switch (block.type) {
        case "text":
          return this.drawTextBlock(block, blocks[index + 1]);
        case "keyValue":
          return this.drawKeyValueBlock(block);
        case "columns":
          return this.drawColumnsBlock(block);
        case "table":
          return this.drawTableBlock(block);
        case "rule":
          return this.drawRule(block);
        case "pageBreak":
          return void this.newPage();
        case "drawing":
          return this.drawDrawingBlock(block);
      }
    });
  }

  /** Lines of a text block, as drawn (one entry per line; paragraphs split at line breaks, blank lines kept). */
  linesOf(text: string, width: number, size: number, weight: FontWeight = "regular"): string[] {
    const measure = (part: string) => this.fonts.widthOf(part, size, weight);
    return text.split(/\r\n|\r|\n/).flatMap((paragraph) => (paragraph.trim() === "" ? [""] : wrapText(paragraph, width, measure)));
  }

  private currentPage(): PDFPage {
    return this.page ?? this.newPage();
  }

  private newPage(): PDFPage {
    this.page = this.doc.addPage(this.pageSize);
    this.cursorY = this.pageSize[1] - this.margins.top;
    return this.page;
  }

  private remaining(): number {
    return this.page ? this.cursorY - this.margins.bottom : 0;
  }

  /** Moves to a new page unless `height` fits below the cursor. */
  private ensureSpace(height: number): PDFPage {
    if (!this.page || height > this.remaining()) return this.newPage();
    return this.page;
  }

  private advance(points: number | undefined): void {
    // Space at the top of a page is dropped: a new page starts at its margin.
    if (points && this.page && this.cursorY < this.pageSize[1] - this.margins.top) this.cursorY -= Math.min(points, this.remaining());
  }

  /** Baseline of a line whose box starts at `top`: the glyphs sit centred in the line box. */
  private baseline(top: number, size: number): number {
    return top - size * ((LINE_HEIGHT - 1) / 2) - size * 0.88;
  }

  private drawTextBlock(block: TextBlock, next: Block | undefined): void {
    const indent = block.indent ?? 0;
    const width = this.contentWidth - indent;
    const lines = this.linesOf(block.text, width, block.size, block.weight);
    const lineHeight = block.size * LINE_HEIGHT;
    this.advance(block.spaceBefore);
    if (block.keepWithNext) this.ensureSpace(lineHeight * lines.length + (next ? this.firstLinesHeight(next) : 0));
    for (const line of lines) {
      const page = this.ensureSpace(lineHeight);
      if (line !== "") {
        const lineWidth = block.align && block.align !== "left" ? this.fonts.widthOf(line, block.size, block.weight) : 0;
        const x =
          this.margins.left + indent + (block.align === "center" ? (width - lineWidth) / 2 : block.align === "right" ? width - lineWidth : 0);
        this.fonts.draw(page, line, { x, y: this.baseline(this.cursorY, block.size), size: block.size, weight: block.weight ?? "regular", color: block.color ?? INK });
      }
      this.cursorY -= lineHeight;
    }
    this.advance(block.spaceAfter);
  }

  /** Room for a heading's followers: two lines of text, or the first row of a table. */
  private firstLinesHeight(block: Block): number {
    if (block.type === "text") return (block.spaceBefore ?? 0) + block.size * LINE_HEIGHT * 2;
    if (block.type === "keyValue") return block.size * LINE_HEIGHT * 2 + 2 * CELL_PADDING;
    if (block.type === "table") return 2 * (block.size * LINE_HEIGHT + 2 * CELL_PADDING);
    return 0;
  }

  private drawKeyValueBlock(block: KeyValueBlock): void {
    const lineHeight = block.size * LINE_HEIGHT;
    const valueWidth = this.contentWidth - block.keyWidth;
    const left = this.margins.left;
    for (const row of block.rows) {
      const keyLines = this.linesOf(row.key, block.keyWidth - 2 * CELL_PADDING, block.size, "bold");
      let valueLines = this.linesOf(row.value, valueWidth - 2 * CELL_PADDING, block.size);
      let isFirstPart = true;
      const pageLines = Math.floor((this.pageSize[1] - this.margins.top - this.margins.bottom - 2 * CELL_PADDING) / lineHeight);
      const linesThatFit = () => (this.page ? Math.floor((this.remaining() - 2 * CELL_PADDING) / lineHeight) : 0);
      // A row that does not fit in what is left goes to the next page; only one taller than a page is split.
      for (;;) {
        const rowLines = Math.max(isFirstPart ? keyLines.length : 1, valueLines.length, 1);
        let page = this.currentPage();
        if (linesThatFit() < Math.min(rowLines, pageLines)) page = this.newPage();
        const count = Math.min(rowLines, linesThatFit());
        const height = count * lineHeight + 2 * CELL_PADDING;
        const top = this.cursorY;
        page.drawRectangle({ x: left, y: top - height, width: block.keyWidth, height, color: KEY_FILL });
        page.drawRectangle({ x: left, y: top - height, width: this.contentWidth, height, borderColor: RULE, borderWidth: 0.5 });
        page.drawLine({ start: { x: left + block.keyWidth, y: top }, end: { x: left + block.keyWidth, y: top - height }, color: RULE, thickness: 0.5 });
        if (isFirstPart) {
          keyLines.slice(0, count).forEach((line, index) => {
            const y = this.baseline(top - CELL_PADDING - index * lineHeight, block.size);
            this.fonts.draw(page, line, { x: left + CELL_PADDING, y, size: block.size, weight: "bold", color: INK });
          });
        }
        valueLines.slice(0, count).forEach((line, index) => {
          if (line === "") return;
          const y = this.baseline(top - CELL_PADDING - index * lineHeight, block.size);
          this.fonts.draw(page, line, { x: left + block.keyWidth + CELL_PADDING, y, size: block.size, color: INK });
        });
        valueLines = valueLines.slice(count);
        isFirstPart = false;
        this.cursorY -= height;
        if (valueLines.length === 0) break;
      }
    }
    this.advance(block.spaceAfter);
  }

  private drawColumnsBlock(block: ColumnsBlock): void {
    const lineHeight = block.size * LINE_HEIGHT;
    const gutter = 16;
    const columnWidth = (this.contentWidth - gutter * (block.columns.length - 1)) / block.columns.length;
    const padding = block.boxed ? CELL_PADDING * 2 : 0;
    const wrapped = block.columns.map((column) =>
      column.flatMap((line) => this.linesOf(line.text, columnWidth - 2 * padding, block.size, line.weight).map((text) => ({ ...line, text }))),
    );
    const height = Math.max(...wrapped.map((lines) => lines.length)) * lineHeight + 2 * padding + (block.boxed?.paddingBottom ?? 0);
    this.advance(block.spaceBefore);
    const page = this.ensureSpace(height);
    const top = this.cursorY;
    wrapped.forEach((lines, columnIndex) => {
      const x = this.margins.left + columnIndex * (columnWidth + gutter);
      // An empty column holds a place (the half of a row a lone last signature box leaves): no box drawn.
      if (block.boxed && lines.length > 0) page.drawRectangle({ x, y: top - height, width: columnWidth, height, borderColor: RULE, borderWidth: 0.5 });
      lines.forEach((line, index) => {
        if (line.text === "") return;
        const y = this.baseline(top - padding - index * lineHeight, block.size);
        this.fonts.draw(page, line.text, { x: x + padding, y, size: block.size, weight: line.weight ?? "regular", color: line.color ?? INK });
      });
    });
    this.cursorY -= height;
    this.advance(block.spaceAfter);
  }

  private drawTableBlock(block: TableBlock): void {
    const lineHeight = block.size * LINE_HEIGHT;
    const totalShare = block.columns.reduce((sum, column) => sum + column.width, 0);
    const widths = block.columns.map((column) => (column.width / totalShare) * this.contentWidth);
    const lefts = widths.map((_, index) => this.margins.left + widths.slice(0, index).reduce((sum, width) => sum + width, 0));
    const wrapCells = (cells: readonly string[], weight: FontWeight) =>
      block.columns.map((_, index) => this.linesOf(cells[index] ?? "", widths[index]! - 2 * CELL_PADDING, block.size, weight));
    const lineCount = (cells: string[][]) => Math.max(1, ...cells.map((lines) => lines.length));

    const drawRow = (page: PDFPage, cells: string[][], count: number, style: { weight: FontWeight; isShaded: boolean; isHeader: boolean }) => {
      const top = this.cursorY;
      const height = count * lineHeight + 2 * CELL_PADDING;
      if (style.isShaded) page.drawRectangle({ x: this.margins.left, y: top - height, width: this.contentWidth, height, color: KEY_FILL });
      page.drawRectangle({ x: this.margins.left, y: top - height, width: this.contentWidth, height, borderColor: RULE, borderWidth: 0.5 });
      cells.forEach((lines, columnIndex) => {
        const left = lefts[columnIndex]!;
        const width = widths[columnIndex]!;
        if (columnIndex > 0) page.drawLine({ start: { x: left, y: top }, end: { x: left, y: top - height }, color: RULE, thickness: 0.5 });
        const align = style.isHeader ? "center" : (block.columns[columnIndex]!.align ?? "left");
        lines.slice(0, count).forEach((line, lineIndex) => {
          if (line === "") return;
          const lineWidth = align === "left" ? 0 : this.fonts.widthOf(line, block.size, style.weight);
          const x = align === "left" ? left + CELL_PADDING : align === "right" ? left + width - CELL_PADDING - lineWidth : left + (width - lineWidth) / 2;
          this.fonts.draw(page, line, { x, y: this.baseline(top - CELL_PADDING - lineIndex * lineHeight, block.size), size: block.size, weight: style.weight, color: INK });
        });
      });
      this.cursorY -= height;
    };

    const header = wrapCells(
      block.columns.map((column) => column.header),
      "bold",
    );
    const headerHeight = lineCount(header) * lineHeight + 2 * CELL_PADDING;
    const pageLines = Math.floor((this.pageSize[1] - this.margins.top - this.margins.bottom - headerHeight - 2 * CELL_PADDING) / lineHeight);
    let needsHeader = true;
    const linesThatFit = () => (this.page ? Math.floor((this.remaining() - (needsHeader ? headerHeight : 0) - 2 * CELL_PADDING) / lineHeight) : 0);

    this.advance(block.spaceBefore);
    for (const row of block.rows) {
      const weight = row.weight ?? "regular";
      let cells = wrapCells(row.cells, weight);
      for (;;) {
        const rowLines = lineCount(cells);
        if (linesThatFit() < Math.min(rowLines, pageLines)) {
          this.newPage();
          needsHeader = true;
        }
        const page = this.currentPage();
        if (needsHeader) {
          drawRow(page, header, lineCount(header), { weight: "bold", isShaded: true, isHeader: true });
          needsHeader = false;
        }
        const count = Math.min(rowLines, linesThatFit());
        drawRow(page, cells, count, { weight, isShaded: row.isShaded ?? false, isHeader: false });
        cells = cells.map((lines) => lines.slice(count));
        if (cells.every((lines) => lines.length === 0)) break;
      }
    }
    this.advance(block.spaceAfter);
  }

  private drawDrawingBlock(block: DrawingBlock): void {
    this.advance(block.spaceBefore);
    const page = this.ensureSpace(block.height);
    block.draw(page, { left: this.margins.left, top: this.cursorY, width: this.contentWidth });
    this.cursorY -= block.height;
    this.advance(block.spaceAfter);
  }

  private drawRule(block: RuleBlock): void {
    this.advance(block.spaceBefore);
    const page = this.ensureSpace(1);
    page.drawLine({
      start: { x: this.margins.left, y: this.cursorY },
      end: { x: this.pageSize[0] - this.margins.right, y: this.cursorY },
      color: RULE,
      thickness: 0.5,
    });
    this.advance(block.spaceAfter);
  }
}

// ---- header and footer ---------------------------------------------------------------------------------------------

/** 「- 1 / 3 -」 */
export function pageNumberLabel(pageNumber: number, pageCount: number): string {
  return `- ${pageNumber} / ${pageCount} -`;
}

/** Characters the page numbers can use: collect them with the document's text. */
export const PAGE_NUMBER_CHARACTERS = "- /0123456789";

/**
 * Draws a header (left and right texts above a thin rule) and the page number at the bottom of every page of the
 * document, whatever its size (appended annex pages included). The header stays inside the top margin.
 */
export function stampPages(doc: PDFDocument, fonts: CjkFonts, header: { left: string; right: string }, options: { size?: number } = {}): void {
  const size = options.size ?? 8;
  const pages = doc.getPages();
  pages.forEach((page, index) => {
    const { width, height } = page.getSize();
    const side = Math.min(56, width * 0.08);
    const headerY = height - 40;
    fonts.draw(page, header.left, { x: side, y: headerY, size, color: MUTED });
    const rightWidth = fonts.widthOf(header.right, size);
    fonts.draw(page, header.right, { x: width - side - rightWidth, y: headerY, size, color: MUTED });
    page.drawLine({ start: { x: side, y: headerY - 5 }, end: { x: width - side, y: headerY - 5 }, color: RULE, thickness: 0.4 });
    const label = pageNumberLabel(index + 1, pages.length);
    fonts.draw(page, label, { x: (width - fonts.widthOf(label, size)) / 2, y: 32, size, color: MUTED });
  });
}
