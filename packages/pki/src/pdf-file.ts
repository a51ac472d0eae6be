// Reading a PDF the way viewers do: from the last `startxref` through the chain of cross-reference sections
// (classic tables or streams, /Prev and /XRefStm), newest entry per object winning. pdf-lib's own loader reads the
// objects in file order instead, and an incremental update can make that disagree with what a viewer shows (an
// object left in the body but not in the xref, an xref entry pointing back at an older version): checks of signed
// revisions must see what a viewer sees. pdf-lib still parses each object; this file decides which bytes are one.
//
// Everything here is bounded by the input: every xref entry is backed by bytes, decoded streams have a size cap,
// walks of the page and field trees keep a visited set and a depth limit, and any failure is PkiError MALFORMED
// with a sentence a user can read.
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFObjectParser,
  PDFRawStream,
  PDFRef,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from "pdf-lib";
import { PkiError } from "./errors.ts";

/** A decoded xref or object stream larger than this is refused (a small deflate bomb must not exhaust memory). */
const MAX_DECODED_STREAM_BYTES = 64 * 1024 * 1024;
const MAX_XREF_SECTIONS = 10_000;
/** Depth of page and field trees; real files stay in single digits. */
const MAX_TREE_DEPTH = 64;
/** PDF 32000 7.5.5: startxref is near the end; some writers append a little junk after %%EOF. */
const STARTXREF_SEARCH_BYTES = 4096;

export type XrefEntry =
  | { kind: "offset"; offset: number; generation: number }
  | { kind: "compressed"; streamNumber: number; index: number }
  | { kind: "free" };

export type XrefSectionKind = "table" | "stream";

const name = (value: string) => PDFName.of(value);

export function malformed(message: string, cause?: unknown): PkiError {
  return new PkiError("MALFORMED", message, cause === undefined ? undefined : { cause });
}

const isWhitespace = (byte: number | undefined) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09 || byte === 0x0c || byte === 0x00;
const isDigit = (byte: number | undefined) => byte !== undefined && byte >= 0x30 && byte <= 0x39;

/** Latin-1 view of a byte range, for keyword searches (one char per byte, so indexes are offsets). */
export function latin1(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let text = "";
  const chunk = 0x8000;
  for (let index = start; index < end; index += chunk) text += String.fromCharCode(...bytes.subarray(index, Math.min(end, index + chunk)));
  return text;
}

function skipWhitespaceAndComments(bytes: Uint8Array, position: number): number {
  let at = position;
  while (at < bytes.length) {
    if (isWhitespace(bytes[at])) at++;
    else if (bytes[at] === 0x25 /* % */) {
      while (at < bytes.length && bytes[at] !== 0x0a && bytes[at] !== 0x0d) at++;
    } else break;
  }
  return at;
}

function readUnsignedInt(bytes: Uint8Array, position: number): { value: number; position: number } | undefined {
  let at = skipWhitespaceAndComments(bytes, position);
  const start = at;
  let value = 0;
  while (isDigit(bytes[at]) && at - start < 15) value = value * 10 + ((bytes[at++] as number) - 0x30);
  if (at === start || isDigit(bytes[at])) return undefined;
  return { value, position: at };
}

function matchKeyword(bytes: Uint8Array, position: number, keyword: string): number | undefined {
  const at = skipWhitespaceAndComments(bytes, position);
  for (let index = 0; index < keyword.length; index++) if (bytes[at + index] !== keyword.charCodeAt(index)) return undefined;
  return at + keyword.length;
}

/** The offset `startxref` names at the end of `bytes` (the end of a revision or of the file). */
export function findStartxref(bytes: Uint8Array): number {
  const from = Math.max(0, bytes.length - STARTXREF_SEARCH_BYTES);
  const tail = latin1(bytes, from);
  const keyword = tail.lastIndexOf("startxref");
  if (keyword === -1) throw malformed("The PDF has no cross-reference table at its end (startxref is missing); the file may be truncated");
  const number = readUnsignedInt(bytes, from + keyword + "startxref".length);
  if (!number || number.value >= bytes.length) throw malformed("The PDF's startxref does not point into the file");
  return number.value;
}

/** PNG predictors (PDF 32000 7.4.4.4), as cross-reference streams use them; TIFF predictor 2 is not used there. */
function removePredictor(data: Uint8Array, parameters: PDFDict | undefined): Uint8Array {
  const predictor = parameters?.lookup(name("Predictor"));
  const value = predictor instanceof PDFNumber ? predictor.asNumber() : 1;
  if (value === 1) return data;
  if (value < 10) throw malformed("A cross-reference stream uses an unsupported predictor");
  const read = (key: string, fallback: number) => {
    const entry = parameters?.lookup(name(key));
    return entry instanceof PDFNumber ? entry.asNumber() : fallback;
  };
  const colors = read("Colors", 1);
  const bitsPerComponent = read("BitsPerComponent", 8);
  const columns = read("Columns", 1);
  const pixelBytes = Math.max(1, Math.ceil((colors * bitsPerComponent) / 8));
  const rowLength = Math.ceil((columns * colors * bitsPerComponent) / 8);
  if (rowLength <= 0 || rowLength > 1024) throw malformed("A cross-reference stream has unreadable predictor parameters");
  const rows = Math.floor(data.length / (rowLength + 1));
  const out = new Uint8Array(rows * rowLength);
  for (let row = 0; row < rows; row++) {
    const filter = data[row * (rowLength + 1)];
    const input = row * (rowLength + 1) + 1;
    const output = row * rowLength;
    for (let column = 0; column < rowLength; column++) {
      const raw = data[input + column] ?? 0;
      const left = column >= pixelBytes ? (out[output + column - pixelBytes] ?? 0) : 0;
      const up = row > 0 ? (out[output - rowLength + column] ?? 0) : 0;
      const upLeft = row > 0 && column >= pixelBytes ? (out[output - rowLength + column - pixelBytes] ?? 0) : 0;
      let predicted = 0;
      if (filter === 1) predicted = left;
      else if (filter === 2) predicted = up;
      else if (filter === 3) predicted = (left + up) >> 1;
      else if (filter === 4) {
        const estimate = left + up - upLeft;
        const [a, b, c] = [Math.abs(estimate - left), Math.abs(estimate - up), Math.abs(estimate - upLeft)];
        predicted = a <= b && a <= c ? left : b <= c ? up : upLeft;
      } else if (filter !== 0) throw malformed("A cross-reference stream has an unknown PNG filter");
      out[output + column] = (raw + predicted) & 0xff;
    }
  }
  return out;
}

/** A stream's decoded bytes, at most MAX_DECODED_STREAM_BYTES. */
function decodeStream(stream: PDFRawStream, what: string): Uint8Array {
  let decoded: Uint8Array;
  try {
    const bytes = decodePDFRawStream(stream).getBytes(MAX_DECODED_STREAM_BYTES + 1);
    decoded = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  } catch (error) {
    throw malformed(`The PDF's ${what} cannot be decoded`, error);
  }
  if (decoded.length > MAX_DECODED_STREAM_BYTES) throw malformed(`The PDF's ${what} is too large once decoded`);
  return decoded;
}

function parseObjectAt(bytes: Uint8Array, position: number, context: PDFContext, what: string): PDFObject {
  try {
    return PDFObjectParser.forBytes(bytes.subarray(position), context).parseObject();
  } catch (error) {
    // RangeError included: absurdly nested arrays or dictionaries overflow pdf-lib's recursive parser.
    throw malformed(`${what} cannot be read`, error);
  }
}

/** `N G obj <object>` at `offset`; the header must name the expected object when one is given. */
function parseIndirectObject(bytes: Uint8Array, offset: number, context: PDFContext, expected?: { number: number; generation: number }) {
  const number = readUnsignedInt(bytes, offset);
  const generation = number && readUnsignedInt(bytes, number.position);
  const body = generation && matchKeyword(bytes, generation.position, "obj");
  if (!number || !generation || body === undefined) throw malformed(`The cross-reference table points at offset ${offset}, where no object starts`);
  if (expected && (number.value !== expected.number || generation.value !== expected.generation)) {
    throw malformed(`The cross-reference table says object ${expected.number} is at offset ${offset}, but object ${number.value} is there`);
  }
  return { number: number.value, generation: generation.value, object: parseObjectAt(bytes, body, context, `Object ${number.value}`) };
}

type Section = { kind: XrefSectionKind; entries: [number, XrefEntry][]; trailer: PDFDict };

function readXrefTable(bytes: Uint8Array, offset: number, context: PDFContext): Section {
  let position = matchKeyword(bytes, offset, "xref");
  if (position === undefined) throw malformed("The cross-reference table cannot be read");
  const entries: [number, XrefEntry][] = [];
  for (;;) {
    const trailerAt = matchKeyword(bytes, position, "trailer");
    if (trailerAt !== undefined) {
      const trailer = parseObjectAt(bytes, trailerAt, context, "The PDF trailer");
      if (!(trailer instanceof PDFDict)) throw malformed("The PDF trailer is not a dictionary");
      return { kind: "table", entries, trailer };
    }
    const first = readUnsignedInt(bytes, position);
    const count = first && readUnsignedInt(bytes, first.position);
    if (!first || !count) throw malformed("A cross-reference subsection header cannot be read");
    // Each entry takes 20 bytes; a count the file cannot hold is a lie, not a reason to loop.
    if (count.value > (bytes.length - count.position) / 18) throw malformed("A cross-reference subsection claims more entries than the file holds");
    position = count.position;
    for (let index = 0; index < count.value; index++) {
      const entryOffset = readUnsignedInt(bytes, position);
      const generation = entryOffset && readUnsignedInt(bytes, entryOffset.position);
      const typeAt = generation ? skipWhitespaceAndComments(bytes, generation.position) : -1;
      const type = bytes[typeAt];
      if (!entryOffset || !generation || (type !== 0x6e && type !== 0x66)) throw malformed("A cross-reference entry cannot be read");
      position = typeAt + 1;
      const objectNumber = first.value + index;
      entries.push([
        objectNumber,
        type === 0x6e ? { kind: "offset", offset: entryOffset.value, generation: generation.value } : { kind: "free" },
      ]);
    }
  }
}

function readXrefStream(bytes: Uint8Array, offset: number, context: PDFContext): Section {
  const { object } = parseIndirectObject(bytes, offset, context);
  if (!(object instanceof PDFRawStream) || object.dict.lookup(name("Type")) !== name("XRef")) {
    throw malformed("startxref points at neither a cross-reference table nor a cross-reference stream");
  }
  const dict = object.dict;
  const data = removePredictor(decodeStream(object, "cross-reference stream"), dict.lookup(name("DecodeParms")) as PDFDict | undefined);
  const widthsArray = dict.lookup(name("W"));
  const size = dict.lookup(name("Size"));
  if (!(widthsArray instanceof PDFArray) || widthsArray.size() !== 3 || !(size instanceof PDFNumber)) throw malformed("A cross-reference stream has no /W or /Size");
  const widths = widthsArray.asArray().map((width) => (width instanceof PDFNumber ? width.asNumber() : -1));
  if (widths.some((width) => !Number.isInteger(width) || width < 0 || width > 8)) throw malformed("A cross-reference stream has invalid /W");
  const [typeWidth, secondWidth, thirdWidth] = widths as [number, number, number];
  const entryWidth = typeWidth + secondWidth + thirdWidth;
  const index = dict.lookup(name("Index"));
  const ranges: number[] = index instanceof PDFArray ? index.asArray().map((value) => (value instanceof PDFNumber ? value.asNumber() : -1)) : [0, size.asNumber()];
  if (ranges.length % 2 !== 0 || ranges.some((value) => !Number.isInteger(value) || value < 0)) throw malformed("A cross-reference stream has invalid /Index");

  const entries: [number, XrefEntry][] = [];
  let at = 0;
  const field = (width: number, fallback: number) => {
    if (width === 0) return fallback;
    let value = 0;
    for (let byte = 0; byte < width; byte++) value = value * 256 + (data[at++] ?? 0);
    return value;
  };
  for (let range = 0; range < ranges.length; range += 2) {
    const first = ranges[range] as number;
    const count = ranges[range + 1] as number;
    if (entryWidth === 0 || count > (data.length - at) / entryWidth) throw malformed("A cross-reference stream claims more entries than it holds");
    for (let entry = 0; entry < count; entry++) {
      const type = field(typeWidth, 1);
      const second = field(secondWidth, 0);
      const third = field(thirdWidth, 0);
      const objectNumber = first + entry;
      if (type === 0) entries.push([objectNumber, { kind: "free" }]);
      else if (type === 1) entries.push([objectNumber, { kind: "offset", offset: second, generation: third }]);
      else if (type === 2) entries.push([objectNumber, { kind: "compressed", streamNumber: second, index: third }]);
      // Other types are reserved and read as null objects (PDF 32000 7.5.8.3).
    }
  }
  return { kind: "stream", entries, trailer: dict };
}

function readSection(bytes: Uint8Array, offset: number, context: PDFContext): Section {
  if (offset < 0 || offset >= bytes.length) throw malformed("A cross-reference offset points outside the file");
  return matchKeyword(bytes, offset, "xref") !== undefined ? readXrefTable(bytes, offset, context) : readXrefStream(bytes, offset, context);
}

const integerOf = (value: PDFObject | undefined) => (value instanceof PDFNumber && Number.isInteger(value.asNumber()) ? value.asNumber() : undefined);

export type PdfFieldInfo = { ref: PDFRef; dict: PDFDict; fullName: string; fieldType: string | undefined };

/** One revision of a PDF (the file up to some byte), with every object its cross-reference sections reach. */
export class PdfFile {
  readonly bytes: Uint8Array;
  readonly context: PDFContext;
  /** The newest trailer (for a stream section, the stream's dictionary). */
  readonly trailer: PDFDict;
  readonly startxref: number;
  readonly newestSectionKind: XrefSectionKind;
  /** Object number → the entry a viewer uses. */
  readonly entries: Map<number, XrefEntry>;

  private constructor(bytes: Uint8Array, context: PDFContext, trailer: PDFDict, startxref: number, kind: XrefSectionKind, entries: Map<number, XrefEntry>) {
    this.bytes = bytes;
    this.context = context;
    this.trailer = trailer;
    this.startxref = startxref;
    this.newestSectionKind = kind;
    this.entries = entries;
  }

  /** Reads `bytes` as a complete PDF revision. PkiError MALFORMED for anything a viewer could not open either. */
  static open(bytes: Uint8Array): PdfFile {
    if (latin1(bytes, 0, Math.min(bytes.length, 1024)).indexOf("%PDF-") === -1) throw malformed("This file is not a PDF (it does not start with %PDF-)");
    const context = PDFContext.create();
    const startxref = findStartxref(bytes);
    const entries = new Map<number, XrefEntry>();
    const visited = new Set<number>();
    const add = (section: Section) => {
      for (const [number, entry] of section.entries) if (!entries.has(number)) entries.set(number, entry);
    };
    let newest: Section | undefined;
    let offset: number | undefined = startxref;
    while (offset !== undefined) {
      if (visited.has(offset)) break; // a /Prev loop: every section has been read once
      if (visited.size >= MAX_XREF_SECTIONS) throw malformed("The PDF has too many cross-reference sections");
      visited.add(offset);
      const section = readSection(bytes, offset, context);
      newest ??= section;
      add(section);
      // Hybrid files: a table's trailer may name a stream holding further entries, which rank right after it.
      const hybrid = integerOf(section.trailer.get(name("XRefStm")));
      if (section.kind === "table" && hybrid !== undefined && !visited.has(hybrid)) {
        visited.add(hybrid);
        add(readSection(bytes, hybrid, context));
      }
      offset = integerOf(section.trailer.get(name("Prev")));
    }
    if (!newest) throw malformed("The PDF has no cross-reference section");
    const file = new PdfFile(bytes, context, newest.trailer, startxref, newest.kind, entries);
    file.loadObjects();
    return file;
  }

  private loadObjects(): void {
    const compressed = new Map<number, Map<number, number>>(); // stream number → index → object number
    for (const [number, entry] of this.entries) {
      if (number === 0) continue;
      if (entry.kind === "offset") {
        // An offset of 0 or past the end is how some writers mark a missing object: a viewer reads null.
        if (entry.offset <= 0 || entry.offset >= this.bytes.length) continue;
        const { object } = parseIndirectObject(this.bytes, entry.offset, this.context, { number, generation: entry.generation });
        this.context.assign(PDFRef.of(number, entry.generation), object);
      } else if (entry.kind === "compressed") {
        const byIndex = compressed.get(entry.streamNumber) ?? new Map<number, number>();
        byIndex.set(entry.index, number);
        compressed.set(entry.streamNumber, byIndex);
      }
    }
    for (const [streamNumber, byIndex] of compressed) this.loadObjectStream(streamNumber, byIndex);
  }

  /** Objects stored in an object stream (PDF 32000 7.5.7), only those the xref places there. */
  private loadObjectStream(streamNumber: number, byIndex: Map<number, number>): void {
    const entry = this.entries.get(streamNumber);
    const stream = entry?.kind === "offset" ? this.context.lookup(PDFRef.of(streamNumber, entry.generation)) : undefined;
    if (!(stream instanceof PDFRawStream) || stream.dict.lookup(name("Type")) !== name("ObjStm")) {
      throw malformed(`Object stream ${streamNumber}, which the cross-reference section names, is missing`);
    }
    const count = integerOf(stream.dict.lookup(name("N")));
    const first = integerOf(stream.dict.lookup(name("First")));
    const data = decodeStream(stream, `object stream ${streamNumber}`);
    if (count === undefined || first === undefined || first > data.length || count > data.length) throw malformed(`Object stream ${streamNumber} has an invalid header`);
    let position = 0;
    for (let index = 0; index < count; index++) {
      const number = readUnsignedInt(data, position);
      const offset = number && readUnsignedInt(data, number.position);
      if (!number || !offset) throw malformed(`Object stream ${streamNumber} has an invalid header`);
      position = offset.position;
      if (byIndex.get(index) !== number.value) continue;
      const object = parseObjectAt(data, first + offset.value, this.context, `Object ${number.value}`);
      this.context.assign(PDFRef.of(number.value, 0), object);
    }
  }

  /** Size the next update's trailer needs: past every object number in use or listed. */
  nextObjectNumber(): number {
    const size = integerOf(this.trailer.get(name("Size"))) ?? 0;
    let largest = 0;
    for (const number of this.entries.keys()) largest = Math.max(largest, number);
    return Math.max(size, largest + 1, this.context.largestObjectNumber + 1);
  }

  lookup(value: PDFObject | undefined): PDFObject | undefined {
    return value instanceof PDFRef ? this.context.lookup(value) : value;
  }

  dict(value: PDFObject | undefined): PDFDict | undefined {
    const resolved = this.lookup(value);
    return resolved instanceof PDFDict ? resolved : undefined;
  }

  array(value: PDFObject | undefined): PDFArray | undefined {
    const resolved = this.lookup(value);
    return resolved instanceof PDFArray ? resolved : undefined;
  }

  rootRef(): PDFRef {
    const root = this.trailer.get(name("Root"));
    if (!(root instanceof PDFRef) || !(this.context.lookup(root) instanceof PDFDict)) throw malformed("The PDF has no document catalog");
    return root;
  }

  catalog(): PDFDict {
    return this.context.lookup(this.rootRef()) as PDFDict;
  }

  /** Every page, in order (leaves of the page tree). */
  pageRefs(): PDFRef[] {
    const pages: PDFRef[] = [];
    const visited = new Set<PDFRef>();
    const walk = (ref: PDFObject | undefined, depth: number) => {
      if (!(ref instanceof PDFRef) || visited.has(ref)) return;
      if (depth > MAX_TREE_DEPTH) throw malformed("The PDF's page tree is too deep");
      visited.add(ref);
      const node = this.dict(ref);
      if (!node) return;
      const kids = this.array(node.get(name("Kids")));
      if (node.lookup(name("Type")) === name("Page") || !kids) {
        pages.push(ref);
        return;
      }
      for (const kid of kids.asArray()) walk(kid, depth + 1);
    };
    walk(this.catalog().get(name("Pages")), 0);
    return pages;
  }

  /** Every field of the interactive form with its fully qualified name and (inherited) field type. */
  fields(): PdfFieldInfo[] {
    const acroForm = this.dict(this.catalog().get(name("AcroForm")));
    const fields: PdfFieldInfo[] = [];
    const visited = new Set<PDFRef>();
    const walk = (value: PDFObject, parentName: string | undefined, parentType: string | undefined, depth: number) => {
      if (!(value instanceof PDFRef) || visited.has(value)) return;
      if (depth > MAX_TREE_DEPTH) throw malformed("The PDF's form field tree is too deep");
      visited.add(value);
      const dict = this.dict(value);
      if (!dict) return;
      const partial = textOf(dict.get(name("T")));
      const fullName = partial === null ? parentName : parentName === undefined ? partial : `${parentName}.${partial}`;
      const ownType = dict.lookup(name("FT"));
      const fieldType = ownType instanceof PDFName ? ownType.decodeText() : parentType;
      // A kid without /T is a widget of this field, not a field of its own (PDF 32000 12.7.3.1).
      if (partial !== null || parentName === undefined) fields.push({ ref: value, dict, fullName: fullName ?? "", fieldType });
      const kids = this.array(dict.get(name("Kids")));
      for (const kid of kids?.asArray() ?? []) walk(kid, fullName, fieldType, depth + 1);
    };
    for (const field of this.array(acroForm?.get(name("Fields")))?.asArray() ?? []) walk(field, undefined, undefined, 0);
    return fields;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Strings

function hexToBytes(hex: string): Uint8Array {
  const clean = hex.replace(/[\s\0]/g, "");
  if (!/^[0-9a-fA-F]*$/.test(clean)) throw malformed("A hex string holds characters that are not hex digits");
  const padded = clean.length % 2 === 0 ? clean : `${clean}0`;
  const out = new Uint8Array(padded.length / 2);
  for (let index = 0; index < out.length; index++) out[index] = Number.parseInt(padded.slice(index * 2, index * 2 + 2), 16);
  return out;
}

/** The bytes of a string object (literal or hex), or undefined for anything else. */
export function bytesOf(value: PDFObject | undefined): Uint8Array | undefined {
  if (value instanceof PDFHexString) return hexToBytes(value.asString());
  if (value instanceof PDFString) return value.asBytes();
  return undefined;
}

/** A text string (PDF 32000 7.9.2.2): UTF-16BE with BOM, UTF-8 with BOM (PDF 2.0), else PDFDocEncoding. */
export function textOf(value: PDFObject | undefined): string | null {
  const bytes = bytesOf(value);
  if (!bytes) return null;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder("utf-16be").decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder("utf-8").decode(bytes.subarray(3));
  let hex = "";
  for (const byte of bytes) hex += byte.toString(16).padStart(2, "0");
  return PDFHexString.of(hex).decodeText();
}

/** ASCII text as a literal string, anything else as UTF-16BE with BOM in a hex string, so every reader gets it right. */
export function encodeTextString(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return `(${text.replace(/[\\()]/g, "\\$&")})`;
  let hex = "FEFF";
  for (let index = 0; index < text.length; index++) hex += text.charCodeAt(index).toString(16).toUpperCase().padStart(4, "0");
  return `<${hex}>`;
}

/** The same text string as a pdf-lib object (for dictionaries pdf-lib serialises). */
export function textStringObject(text: string): PDFString | PDFHexString {
  const encoded = encodeTextString(text);
  return encoded.startsWith("(") ? PDFString.of(encoded.slice(1, -1)) : PDFHexString.of(encoded.slice(1, -1));
}

const pad = (value: number, width = 2) => String(value).padStart(width, "0");

/** D:YYYYMMDDHHmmSSZ (PDF 32000 7.9.4), in UTC. */
export function encodePdfDate(date: Date): string {
  return `D:${pad(date.getUTCFullYear(), 4)}${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
}

/** A PDF date, or null when it does not parse (the /M of a signature is only a claim: never worth a failure). */
export function parsePdfDate(value: PDFObject | undefined): Date | null {
  const text = textOf(value);
  const match = text?.match(/^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:([Zz])|([+-])(\d{2})'?(\d{2})?'?)?$/);
  if (!match) return null;
  const [, year, month = "01", day = "01", hour = "00", minute = "00", second = "00", , sign, offsetHours = "0", offsetMinutes = "0"] = match;
  const utc = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  const offset = sign ? (sign === "-" ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes)) * 60_000 : 0;
  const date = new Date(utc - offset);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** A pdf-lib object's exact serialisation. */
export function serializeObject(object: PDFObject): Uint8Array {
  const out = new Uint8Array(object.sizeInBytes());
  object.copyBytesInto(out, 0);
  return out;
}
