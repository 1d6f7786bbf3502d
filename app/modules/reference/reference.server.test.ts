import { describe, expect, it } from "vitest";
import { nafLabel, qpvsOfCommune, resolveCommune, searchCommunes, searchNaf } from "./reference.server";

describe("reference lookups used by the forms", () => {
  it("autocompletes communes by name (accents and case ignored) and by postal code", async () => {
    expect((await searchCommunes("montreuil"))[0]).toMatchObject({ insee: "93048", name: "Montreuil" });
    expect((await searchCommunes("SEVRES")).map((c) => c.name)).toContain("Sèvres");
    expect((await searchCommunes("93100")).map((c) => c.insee)).toContain("93048");
  });

  it("resolves what a person typed", async () => {
    expect((await resolveCommune("Montreuil (93100)"))?.insee).toBe("93048");
    expect((await resolveCommune("93048"))?.name).toBe("Montreuil");
    expect(await resolveCommune("Montreuil")).toBeUndefined(); // several Montreuil: ambiguous
  });

  it("lists the QPV of a commune", async () => {
    const names = (await qpvsOfCommune("93048")).map((q) => q.name);
    expect(names).toContain("Bel Air - Grands Pêchers - Ruffins - Le Morillon");
  });

  it("labels NAF codes written with or without the dot", async () => {
    expect(await nafLabel("8121Z")).toBe("Nettoyage courant des bâtiments");
    expect(await nafLabel("81.21Z")).toBe("Nettoyage courant des bâtiments");
    expect((await searchNaf("nettoyage courant"))[0]).toEqual({ code: "8121Z", label: "Nettoyage courant des bâtiments" });
  });
});
