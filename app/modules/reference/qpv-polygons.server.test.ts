import { eq } from "drizzle-orm";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { qpvs, suppliers } from "../../../db/schema";
import { createSupplierRow } from "../../../db/seed/supplier-factory";
import { importQpvPolygons, qpv2024CodeFor } from "./qpv-polygons.server";

describe("QPV polygons", () => {
  it("maps 2015 codes to their 2024 successors", () => {
    const known = new Set(["QN06607I", "QN06605M", "QN03101M"]);
    expect(qpv2024CodeFor("QP066007", known)).toBe("QN06607I");
    expect(qpv2024CodeFor("QN03101M", known)).toBe("QN03101M");
    expect(qpv2024CodeFor("QP066099", known)).toBeNull();
  });

  it("imports the Occitanie fixture and checks a declared address inside and outside", async () => {
    const geojson = JSON.parse(readFileSync("db/data/qpv2015-occitanie-polygons.geojson", "utf8"));
    // Bas-Vernet Nouveau QPV, Perpignan: a point inside its polygon, and the Perpignan town hall outside it.
    const feature = geojson.features.find((f: { properties: { code_qp: string } }) => f.properties.code_qp === "QP066007");
    const ring: [number, number][] = feature.geometry.type === "Polygon" ? feature.geometry.coordinates[0] : feature.geometry.coordinates[0][0];
    const [lon, lat] = ring.reduce(([x, y], [a, b]) => [x + a / ring.length, y + b / ring.length], [0, 0]);
    const inside = await createSupplierRow(db, { legalName: "Dedans", communeInsee: "66136", lat, lon, qpvCode: "QN06607I", qpvStatus: "declared" });
    const outside = await createSupplierRow(db, { legalName: "Dehors", communeInsee: "66136", lat: 42.6986, lon: 2.8956, qpvCode: "QN06607I", qpvStatus: "declared" });

    const report = await importQpvPolygons(geojson);
    expect(report.features).toBe(105);
    expect(report.matched).toBeGreaterThan(90);
    const [qpv] = await db.select().from(qpvs).where(eq(qpvs.code, "QN06607I"));
    expect(qpv?.polygon).not.toBeNull();
    expect((await db.select().from(suppliers).where(eq(suppliers.id, inside.id)))[0]?.qpvPolygonCheck).toBe("inside");
    expect((await db.select().from(suppliers).where(eq(suppliers.id, outside.id)))[0]?.qpvPolygonCheck).toBe("outside");
  });
});
