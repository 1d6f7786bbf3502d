import booleanPointInPolygon from "@turf/boolean-point-in-polygon";
import type { MultiPolygon, Polygon } from "geojson";

export type PolygonCheck = "unknown" | "inside" | "outside";

/** Is the address point inside the QPV's polygon? "unknown" when either is missing. */
export function checkPointInQpv(point: { lat: number | null; lon: number | null }, polygon: unknown): PolygonCheck {
  if (point.lat === null || point.lon === null || !polygon) return "unknown";
  const geometry = polygon as Polygon | MultiPolygon;
  if (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") return "unknown";
  return booleanPointInPolygon([point.lon, point.lat], geometry) ? "inside" : "outside";
}
