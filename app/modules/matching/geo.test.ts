import { describe, expect, it } from "vitest";
import { departmentOfInsee, haversineKm } from "./geo";

describe("haversineKm", () => {
  it.each([
    { name: "same point", a: [48.86, 2.34], b: [48.86, 2.34], km: 0, tolerance: 0.001 },
    { name: "Paris → Lyon", a: [48.860295, 2.340516], b: [45.758811, 4.835333], km: 392, tolerance: 3 },
    { name: "Paris → Saint-Denis", a: [48.860295, 2.340516], b: [48.9356, 2.3539], km: 8.4, tolerance: 0.5 },
    { name: "one degree of latitude", a: [0, 0], b: [1, 0], km: 111.2, tolerance: 0.2 },
    { name: "antipodes", a: [0, 0], b: [0, 180], km: 20015, tolerance: 2 },
  ])("$name", ({ a, b, km, tolerance }) => {
    expect(Math.abs(haversineKm(a[0]!, a[1]!, b[0]!, b[1]!) - km)).toBeLessThanOrEqual(tolerance);
  });

  it("is symmetric", () => {
    expect(haversineKm(43.3, 5.4, 50.63, 3.05)).toBeCloseTo(haversineKm(50.63, 3.05, 43.3, 5.4), 9);
  });
});

describe("departmentOfInsee", () => {
  it.each([
    ["93066", "93"],
    ["2A004", "2A"],
    ["97411", "974"],
    ["", null],
    ["abc", null],
  ])("%s → %s", (insee, department) => {
    expect(departmentOfInsee(insee)).toBe(department);
  });
});
