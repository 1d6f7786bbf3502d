import { describe, expect, it } from "vitest";
import { defaultPeriod, formatRate, isValidIsoDate, monthLabel, monthsBetween, parsePeriodParams, quarterLabel, quarterOf, quartersBetween, rate } from "./periods";

describe("periods", () => {
  it.each([
    ["2027-02-28", true],
    ["2028-02-29", true],
    ["2027-02-29", false],
    ["2027-13-01", false],
    ["27-01-01", false],
    ["hier", false],
  ])("isValidIsoDate(%s) = %s", (value, expected) => {
    expect(isValidIsoDate(value)).toBe(expected);
  });

  it.each([
    ["2027-01-15", "2027-01-20", ["2027-01"]],
    ["2026-11-30", "2027-02-01", ["2026-11", "2026-12", "2027-01", "2027-02"]],
  ])("monthsBetween(%s, %s)", (from, to, expected) => {
    expect(monthsBetween(from, to)).toEqual(expected);
  });

  it.each([
    ["2027-01-01", "2027-T1"],
    ["2027-03-31", "2027-T1"],
    ["2027-04-01", "2027-T2"],
    ["2027-12", "2027-T4"],
  ])("quarterOf(%s) = %s", (date, expected) => {
    expect(quarterOf(date)).toBe(expected);
  });

  it("lists quarters and labels them in French", () => {
    expect(quartersBetween("2026-12-15", "2027-04-02")).toEqual(["2026-T4", "2027-T1", "2027-T2"]);
    expect(quarterLabel("2027-T1")).toBe("1er trim. 2027");
    expect(quarterLabel("2027-T3")).toBe("3e trim. 2027");
    expect(monthLabel("2027-08")).toBe("août 2027");
  });

  it("computes rates, none without a denominator", () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(3, 0)).toBeNull();
    expect(formatRate(0.425)).toBe("43 %");
    expect(formatRate(null)).toBe("—");
  });

  it("defaults to the twelve months up to today, in Paris time", () => {
    expect(defaultPeriod(new Date("2027-03-31T22:30:00Z"))).toEqual({ from: "2026-05-01", to: "2027-04-01" });
  });

  it.each([
    ["du=2027-01-01&au=2027-06-30", { ok: true, period: { from: "2027-01-01", to: "2027-06-30" } }],
    ["du=2027-02-30", { ok: false, errors: ["La date de début doit être une date valide (AAAA-MM-JJ)."] }],
    ["du=2027-06-01&au=2027-01-01", { ok: false, errors: ["La date de début doit précéder la date de fin."] }],
    ["du=2000-01-01&au=2027-01-01", { ok: false, errors: ["La période ne peut pas dépasser 10 ans."] }],
  ])("parsePeriodParams(%s)", (query, expected) => {
    expect(parsePeriodParams(new URLSearchParams(query), new Date("2027-07-01T10:00:00Z"))).toEqual(expected);
  });
});
