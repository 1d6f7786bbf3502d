import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkImageUpload, checkPdfUpload, formatMegabytes, sniffFileKind } from "./sniff";

const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...new TextEncoder().encode(p)] : p)));

// Real file headers, truncated.
const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d], "IHDR");
const jpeg = bytes([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10], "JFIF", [0]);
const webp = bytes("RIFF", [0x24, 0, 0, 0], "WEBPVP8 ");
const pdf = bytes("%PDF-1.7\n%âãÏÓ\n");
const text = bytes("Ceci n'est pas une image, même si le fichier s'appelle logo.png\n");
const svg = bytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const gif = bytes("GIF89a", [1, 0, 1, 0]);
const riffWav = bytes("RIFF", [0x24, 0, 0, 0], "WAVEfmt ");

const padTo = (head: Uint8Array, size: number) => {
  const out = new Uint8Array(size);
  out.set(head);
  return out;
};

describe("sniffFileKind", () => {
  it.each([
    ["png", png, "png"],
    ["jpeg", jpeg, "jpeg"],
    ["webp", webp, "webp"],
    ["pdf", pdf, "pdf"],
    ["text", text, null],
    ["svg", svg, null],
    ["gif", gif, null],
    ["RIFF that is not WebP", riffWav, null],
    ["truncated PNG signature", png.slice(0, 4), null],
    ["empty", new Uint8Array(), null],
  ])("%s", (_name, input, expected) => {
    expect(sniffFileKind(input)).toBe(expected);
  });
});

describe("checkImageUpload", () => {
  it.each([
    [png, "image/png"],
    [jpeg, "image/jpeg"],
    [webp, "image/webp"],
  ])("accepts %#", (input, mime) => {
    expect(checkImageUpload(input)).toMatchObject({ ok: true, mime });
  });

  it.each([
    ["a text file named .png", text],
    ["an SVG", svg],
    ["a GIF", gif],
    ["a PDF", pdf],
  ])("refuses %s", (_name, input) => {
    expect(checkImageUpload(input)).toEqual({ ok: false, message: "Le logo doit être une image PNG, JPEG ou WebP." });
  });

  it("refuses an empty file", () => {
    expect(checkImageUpload(new Uint8Array())).toEqual({ ok: false, message: "Le fichier est vide." });
  });

  it("accepts exactly 1 Mo and refuses one byte more", () => {
    expect(checkImageUpload(padTo(png, 1_048_576)).ok).toBe(true);
    expect(checkImageUpload(padTo(png, 1_048_577))).toEqual({ ok: false, message: "Le fichier dépasse 1 Mo." });
  });

  it("takes another limit", () => {
    expect(checkImageUpload(padTo(jpeg, 600_000), { maxBytes: 524_288 })).toEqual({
      ok: false,
      message: "Le fichier dépasse 0,5 Mo.",
    });
  });
});

describe("checkPdfUpload", () => {
  it("accepts a PDF up to 5 Mo", () => {
    expect(checkPdfUpload(pdf)).toEqual({ ok: true, kind: "pdf", mime: "application/pdf" });
    expect(checkPdfUpload(padTo(pdf, 5 * 1_048_576)).ok).toBe(true);
  });
  it("refuses a bigger PDF", () => {
    expect(checkPdfUpload(padTo(pdf, 5 * 1_048_576 + 1))).toEqual({ ok: false, message: "Le fichier dépasse 5 Mo." });
  });
  it.each([["png", png], ["text", text], ["html", bytes("<html>%PDF-</html>")]])("refuses %s", (_name, input) => {
    expect(checkPdfUpload(input)).toEqual({ ok: false, message: "Le document doit être un fichier PDF." });
  });
});

describe("formatMegabytes", () => {
  it.each([
    [1_048_576, "1 Mo"],
    [5 * 1_048_576, "5 Mo"],
    [1_572_864, "1,5 Mo"],
  ])("%d → %s", (n, expected) => {
    expect(formatMegabytes(n)).toBe(expected);
  });
});

describe("property", () => {
  it("text never passes as an image or a PDF", () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1 }), (s) => {
        const input = new TextEncoder().encode(s);
        fc.pre(!s.startsWith("%PDF-") && !s.startsWith("RIFF"));
        expect(checkImageUpload(input).ok).toBe(false);
        expect(checkPdfUpload(input).ok).toBe(false);
      }),
    );
  });
});
