import { beforeAll, describe, expect, it } from "vitest";
import { SECRET_LABEL, SUPPRESSED_LABEL } from "./disclosure";
import { computeFigures, type Figures } from "./figures.server";
import { publicFigures } from "./public";
import { publicClubFigures } from "./public.server";
import { observatoryWorld, period } from "./test-fixtures";

let world: Awaited<ReturnType<typeof observatoryWorld>>;
let figures: Figures;
beforeAll(async () => {
  world = await observatoryWorld("public");
  figures = await computeFigures({ scope: { kind: "club", clubId: world.club.id }, period });
});

const text = (lines: { label: string; cell: { text: string } }[]) => Object.fromEntries(lines.map((l) => [l.label, l.cell.text]));

describe("the public figures of the fixed fixture", () => {
  it("shows what rests on five companies or more and '< 5' for the rest", () => {
    const p = publicFigures(figures);
    expect(text(p.summary)).toEqual({
      "Entreprises sourcées": "6",
      "dont implantation en QPV vérifiée": SUPPRESSED_LABEL,
      "Entreprises ajoutées dans l'année": SUPPRESSED_LABEL,
      "Besoins d'achat publiés": SUPPRESSED_LABEL,
      "Taux de mise en relation des besoins": SECRET_LABEL,
      "Taux de réponse des entreprises prévenues": SECRET_LABEL,
      "Rendez-vous d'affaires tenus": SUPPRESSED_LABEL,
      "Contrats gagnés": SUPPRESSED_LABEL,
      "Montant des contrats gagnés (HT)": SUPPRESSED_LABEL,
      "dont par des entreprises au QPV vérifié (HT)": SUPPRESSED_LABEL,
    });
    expect(p.byCategory.map((c) => [c.label, c.total.text, c.verified.text])).toEqual([
      ["Nettoyage et propreté", SUPPRESSED_LABEL, SUPPRESSED_LABEL],
      [expect.any(String), SUPPRESSED_LABEL, SUPPRESSED_LABEL],
      [expect.any(String), SUPPRESSED_LABEL, SUPPRESSED_LABEL],
    ]);
    // three QPV rows under five: hidden together, the total of six stays
    expect(p.byQpv.rows.map((r) => r.cell.text)).toEqual([SUPPRESSED_LABEL, SUPPRESSED_LABEL, SUPPRESSED_LABEL]);
    expect(p.byQpv.total.text).toBe("6");
    // nothing hidden carries its value
    expect([...p.summary, ...p.byQpv.rows].filter((l) => l.cell.text === SUPPRESSED_LABEL).every((l) => l.cell.value === null)).toBe(true);
  });

  it("hides a lone small QPV row with its smallest neighbour so the total cannot give it away", () => {
    const f = structuredClone(figures);
    f.suppliers.byQpv = [
      { ...f.suppliers.byQpv[0]!, total: { value: 12, companies: 12 } },
      { ...f.suppliers.byQpv[1]!, total: { value: 2, companies: 2 } },
      { ...f.suppliers.byQpv[2]!, total: { value: 7, companies: 7 } },
    ];
    f.suppliers.total = { value: 21, companies: 21 };
    const p = publicFigures(f);
    expect(p.byQpv.rows.map((r) => r.cell.text)).toEqual(["12", SUPPRESSED_LABEL, SECRET_LABEL]);
    expect(p.byQpv.total.text).toBe("21");
  });

  it("shows an amount of five companies or more unless one of them makes more than 85 % of it", () => {
    const f = structuredClone(figures);
    f.contracts.won = { value: 9, companies: 6 };
    f.contracts.amountCents = { value: 10_000_000, companies: 6, topShare: 0.5 };
    f.contracts.amountQpvCents = { value: 9_000_000, companies: 6, topShare: 0.9 };
    const p = text(publicFigures(f).summary);
    expect(p["Contrats gagnés"]).toBe("9");
    expect(p["Montant des contrats gagnés (HT)"]).toMatch(/^100\s000\s€$/);
    expect(p["dont par des entreprises au QPV vérifié (HT)"]).toBe(SECRET_LABEL);
  });

  it("reads a club's public page by calendar year; an unknown club is null", async () => {
    const page = await publicClubFigures({ clubSlug: world.club.slug, year: 2027 });
    expect(page!.period).toEqual({ from: "2027-01-01", to: "2027-12-31" });
    expect(text(page!.figures.summary)["Entreprises sourcées"]).toBe("7");
    expect(await publicClubFigures({ clubSlug: "inconnu", year: 2027 })).toBeNull();
  });
});
