// Appending one incremental update (PDF 32000 7.5.6) to the exact bytes of a PDF: the new and changed objects, a
// cross-reference section for exactly those objects and a trailer whose /Prev chains to the previous one. The base
// bytes are never rewritten: signatures over earlier revisions must keep covering the same bytes.
import { PDFName, type PDFObject, type PDFRef } from "pdf-lib";
import { concatBytes } from "./encoding.ts";
import { serializeObject, type PdfFile } from "./pdf-file.ts";

export type UpdateObject = { ref: PDFRef; body: Uint8Array };

export type AppendedUpdate = {
  pdf: Uint8Array<ArrayBuffer>;
  /** Object number → offset of its body (just after `N G obj\n`) in the new file. */
  bodyOffsets: Map<number, number>;
};

const ascii = (text: string) => new TextEncoder().encode(text);

/** Subsections of consecutive object numbers: [first, count] pairs over sorted numbers. */
function subsections(numbers: number[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const number of [...numbers].sort((a, b) => a - b)) {
    const last = ranges.at(-1);
    if (last && last[0] + last[1] === number) last[1] += 1;
    else ranges.push([number, 1]);
  }
  return ranges;
}

/** The trailer entries carried over from the previous revision (PDF 32000 7.5.6: /ID's first string stays). */
function trailerEntries(file: PdfFile, size: number): Uint8Array {
  // Bytes, not text: an /ID written as a literal string may hold any byte.
  const parts: Uint8Array[] = [ascii(`/Size ${size}`)];
  for (const key of ["Root", "Info", "ID"]) {
    const value: PDFObject | undefined = file.trailer.get(PDFName.of(key));
    if (value) parts.push(ascii(` /${key} `), serializeObject(value));
  }
  parts.push(ascii(` /Prev ${file.startxref}`));
  return concatBytes(...parts);
}

/**
 * `file` must be the reading of `base` (PdfFile.open(base)). The cross-reference section has the form of the
 * previous one: a classic table after a table, an uncompressed cross-reference stream after a stream (a reader
 * that met a stream there may not expect a table).
 */
export function appendIncrementalUpdate(base: Uint8Array, file: PdfFile, objects: UpdateObject[]): AppendedUpdate {
  const chunks: Uint8Array[] = [base];
  let offset = base.length;
  const push = (bytes: Uint8Array) => {
    chunks.push(bytes);
    offset += bytes.length;
  };
  // The update starts on a line of its own.
  const lastByte = base[base.length - 1];
  if (lastByte !== 0x0a && lastByte !== 0x0d) push(ascii("\n"));

  const offsets = new Map<number, { offset: number; generation: number }>();
  const bodyOffsets = new Map<number, number>();
  for (const { ref, body } of objects) {
    offsets.set(ref.objectNumber, { offset, generation: ref.generationNumber });
    push(ascii(`${ref.objectNumber} ${ref.generationNumber} obj\n`));
    bodyOffsets.set(ref.objectNumber, offset);
    push(body);
    push(ascii("\nendobj\n"));
  }

  let size = Math.max(file.nextObjectNumber(), ...objects.map(({ ref }) => ref.objectNumber + 1));
  const xrefOffset = offset;
  if (file.newestSectionKind === "table") {
    const lines = ["xref"];
    for (const [first, count] of subsections([...offsets.keys()])) {
      lines.push(`${first} ${count}`);
      for (let number = first; number < first + count; number++) {
        const entry = offsets.get(number) as { offset: number; generation: number };
        // Entries are exactly 20 bytes: the end of line is two characters (PDF 32000 7.5.4).
        lines.push(`${String(entry.offset).padStart(10, "0")} ${String(entry.generation).padStart(5, "0")} n\r`);
      }
    }
    push(concatBytes(ascii(`${lines.join("\n")}\ntrailer\n<< `), trailerEntries(file, size), ascii(" >>\n")));
  } else {
    // An uncompressed stream: type 1 entries, 4-byte offsets, 2-byte generations; it lists itself too.
    const streamNumber = size;
    size += 1;
    offsets.set(streamNumber, { offset: xrefOffset, generation: 0 });
    const ranges = subsections([...offsets.keys()]);
    const data = new Uint8Array(offsets.size * 7);
    let at = 0;
    for (const [first, count] of ranges) {
      for (let number = first; number < first + count; number++) {
        const entry = offsets.get(number) as { offset: number; generation: number };
        data.set([1, (entry.offset >>> 24) & 0xff, (entry.offset >>> 16) & 0xff, (entry.offset >>> 8) & 0xff, entry.offset & 0xff, (entry.generation >>> 8) & 0xff, entry.generation & 0xff], at);
        at += 7;
      }
    }
    const index = ranges.map(([first, count]) => `${first} ${count}`).join(" ");
    push(concatBytes(ascii(`${streamNumber} 0 obj\n<< /Type /XRef `), trailerEntries(file, size), ascii(` /W [1 4 2] /Index [${index}] /Length ${data.length} >>\nstream\n`)));
    push(data);
    push(ascii("\nendstream\nendobj\n"));
  }
  push(ascii(`startxref\n${xrefOffset}\n%%EOF\n`));
  return { pdf: concatBytes(...chunks), bodyOffsets };
}
