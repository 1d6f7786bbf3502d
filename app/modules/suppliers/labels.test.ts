import { describe, expect, it } from "vitest";
import { LABELS, getLabel, isLabelSlug, labelText, labelsForStructureType } from "./labels";

describe("LABELS", () => {
  it("has unique slugs", () => {
    expect(new Set(LABELS.map((l) => l.slug)).size).toBe(LABELS.length);
  });
  it("holds the labels buyers ask for", () => {
    for (const slug of ["ess", "esus", "siae-aci", "siae-ai", "siae-ei", "siae-etti", "siae-eiti", "ea", "esat", "qualiopi", "rge", "commerce-equitable", "imprim-vert", "ecocert"]) {
      expect(isLabelSlug(slug), slug).toBe(true);
    }
  });
  it("looks up by slug", () => {
    expect(getLabel("ea")?.group).toBe("handicap");
    expect(labelText("imprim-vert")).toBe("Imprim'Vert");
    expect(labelText("inconnu")).toBe("inconnu");
  });
});

describe("labelsForStructureType", () => {
  it.each([
    ["ACI", ["siae-aci", "esus", "ess"]],
    ["EI", ["siae-ei", "esus", "ess"]],
    ["AI", ["siae-ai", "esus", "ess"]],
    ["ETTI", ["siae-etti", "esus", "ess"]],
    ["EITI", ["siae-eiti", "esus", "ess"]],
    ["EA", ["ea", "esus", "ess"]],
    ["EATT", ["eatt", "esus", "ess"]],
    ["ESAT", ["esat", "esus", "ess"]],
    ["GEIQ", ["geiq", "ess"]],
    [" aci ", ["siae-aci", "esus", "ess"]],
    ["E.I.", ["siae-ei", "esus", "ess"]],
    ["SARL", []],
    ["", []],
    [null, []],
    [undefined, []],
  ])("%j → %j", (type, expected) => {
    expect(labelsForStructureType(type)).toEqual(expected);
  });

  it("only returns known slugs", () => {
    for (const t of ["ACI", "AI", "EI", "ETTI", "EITI", "EA", "EATT", "ESAT", "GEIQ"]) {
      for (const slug of labelsForStructureType(t)) expect(isLabelSlug(slug), slug).toBe(true);
    }
  });
});
