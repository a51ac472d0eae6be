// A QR code drawn as vector rectangles in a PDF page: no raster image, so it stays sharp at any zoom and in print,
// and the file holds only the modules (a few hundred bytes of path operators).
import { fill, popGraphicsState, pushGraphicsState, rectangle, rgb, setFillingColor, type Color, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";

/** The light margin a reader needs around the symbol, in modules (ISO/IEC 18004 asks for 4). */
export const QR_QUIET_ZONE_MODULES = 4;

export type QrCodePlacement = {
  /** Lower-left corner of the symbol itself (the quiet zone lies outside it: keep it free of ink). */
  x: number;
  y: number;
  /** Width and height of the symbol in points, quiet zone excluded. */
  size: number;
  color?: Color;
};

export type DrawnQrCode = { modulesPerSide: number; moduleSize: number; version: number };

/** The symbol's modules as rows of booleans (true = dark), row 0 at the top, at error correction level M. */
export function qrCodeModules(text: string): { version: number; rows: boolean[][] } {
  // Level M (15% recovery) is what printed documents commonly use: a smudge or a fold does not make it unreadable,
  // and the symbol stays smaller than at Q or H.
  const symbol = QRCode.create(text, { errorCorrectionLevel: "M" });
  const side = symbol.modules.size;
  const rows = Array.from({ length: side }, (_, row) => Array.from({ length: side }, (_, column) => symbol.modules.get(row, column) === 1));
  return { version: symbol.version, rows };
}

/**
 * Draws `text` as a QR code. Each row's runs of dark modules become one rectangle, and all of them are filled as a
 * single path: adjacent rectangles then have no anti-aliased seam between them, which a viewer would draw as a hairline
 * if each module were filled on its own.
 */
export function drawQrCode(page: PDFPage, text: string, placement: QrCodePlacement): DrawnQrCode {
  const { version, rows } = qrCodeModules(text);
  const modulesPerSide = rows.length;
  const moduleSize = placement.size / modulesPerSide;
  const operators = [pushGraphicsState(), setFillingColor(placement.color ?? rgb(0, 0, 0))];
  rows.forEach((modules, row) => {
    const y = placement.y + (modulesPerSide - row - 1) * moduleSize;
    for (let column = 0; column < modulesPerSide; ) {
      if (!modules[column]) {
        column++;
        continue;
      }
      const start = column;
      while (column < modulesPerSide && modules[column]) column++;
      operators.push(rectangle(placement.x + start * moduleSize, y, (column - start) * moduleSize, moduleSize));
    }
  });
  operators.push(fill(), popGraphicsState());
  page.pushOperators(...operators);
  return { modulesPerSide, moduleSize, version };
}
