import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { BarChart } from "./BarChart";

describe("BarChart", () => {
  it("draws an SVG image with its title and description, and a table with the same numbers beside it", () => {
    const html = renderToStaticMarkup(
      <BarChart
        title="Entreprises par catégorie"
        description="Trois catégories."
        labelHeader="Catégorie"
        valueHeader="Entreprises"
        bars={[
          { label: "Nettoyage et propreté", value: 12, text: "12" },
          { label: "Restauration et traiteur", value: null, text: "< 5" },
          { label: "Espaces verts", value: 6, text: "6" },
        ]}
      />,
    );
    const svg = html.match(/<svg[^>]*>/)![0];
    expect(svg).toContain('role="img"');
    const [titleId, descId] = svg.match(/aria-labelledby="([^"]+)"/)![1]!.split(" ");
    expect(html).toContain(`<title id="${titleId}">Entreprises par catégorie</title>`);
    expect(html).toContain(`<desc id="${descId}">Trois catégories.</desc>`);
    // one bar per published value, proportional to the largest; none for the hidden one
    const widths = [...html.matchAll(/<rect [^>]*width="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(3);
    expect(widths[1]).toBe(0);
    expect(widths[2]! / widths[0]!).toBeCloseTo(0.5);
    expect(html).toContain("<caption>Entreprises par catégorie</caption>");
    expect(html).toContain('<th scope="col">Catégorie</th>');
    const rows = [...html.matchAll(/<tr><th scope="row">([^<]+)<\/th><td class="numeric">([^<]+)<\/td><\/tr>/g)].map((m) => [m[1], m[2]]);
    expect(rows).toEqual([
      ["Nettoyage et propreté", "12"],
      ["Restauration et traiteur", "&lt; 5"],
      ["Espaces verts", "6"],
    ]);
  });
});
