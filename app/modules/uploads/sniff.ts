// File type by content (magic bytes), never by name or by the browser's Content-Type,
// both of which the sender controls. SVG is deliberately not accepted: it can carry script.

export type SniffedKind = "png" | "jpeg" | "webp" | "pdf";

export const MIME_BY_KIND: Readonly<Record<SniffedKind, string>> = {
  png: "image/png",
  jpeg: "image/jpeg",
  webp: "image/webp",
  pdf: "application/pdf",
};

export type UploadCheck = { ok: true; mime: string; kind: SniffedKind } | { ok: false; message: string };

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const RIFF = ascii("RIFF");
const WEBP = ascii("WEBP");
const PDF = ascii("%PDF-");

export function sniffFileKind(bytes: Uint8Array): SniffedKind | null {
  if (startsWith(bytes, PNG)) return "png";
  if (startsWith(bytes, JPEG)) return "jpeg";
  if (startsWith(bytes, RIFF) && startsWith(bytes, WEBP, 8)) return "webp";
  if (startsWith(bytes, PDF)) return "pdf";
  return null;
}

/** 1_048_576 → "1 Mo", 1_572_864 → "1,5 Mo" (binary megabytes, as file managers show them). */
export function formatMegabytes(bytes: number): string {
  const mb = Math.round((bytes / 1_048_576) * 10) / 10;
  return `${String(mb).replace(".", ",")} Mo`;
}

function checkUpload(
  bytes: Uint8Array,
  accepted: readonly SniffedKind[],
  maxBytes: number,
  wrongKindMessage: string,
): UploadCheck {
  if (bytes.length === 0) return { ok: false, message: "Le fichier est vide." };
  const kind = sniffFileKind(bytes);
  if (!kind || !accepted.includes(kind)) return { ok: false, message: wrongKindMessage };
  if (bytes.length > maxBytes) return { ok: false, message: `Le fichier dépasse ${formatMegabytes(maxBytes)}.` };
  return { ok: true, kind, mime: MIME_BY_KIND[kind] };
}

export const MAX_IMAGE_BYTES = 1_048_576;
export const MAX_PDF_BYTES = 5 * 1_048_576;

/** Logos and photos: PNG, JPEG or WebP. */
export function checkImageUpload(bytes: Uint8Array, options: { maxBytes?: number; what?: "logo" | "photo" } = {}): UploadCheck {
  return checkUpload(
    bytes,
    ["png", "jpeg", "webp"],
    options.maxBytes ?? MAX_IMAGE_BYTES,
    options.what === "photo" ? "La photo doit être une image PNG, JPEG ou WebP." : "Le logo doit être une image PNG, JPEG ou WebP.",
  );
}

/** Documents (references, certificates, quotes): PDF only. */
export function checkPdfUpload(bytes: Uint8Array, options: { maxBytes?: number } = {}): UploadCheck {
  return checkUpload(bytes, ["pdf"], options.maxBytes ?? MAX_PDF_BYTES, "Le document doit être un fichier PDF.");
}
