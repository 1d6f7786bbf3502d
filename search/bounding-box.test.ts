import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boundingBox } from "./postgres-engine";

const R = 6378168; // earthdistance's earth(), as the engine uses
const rad = (d: number) => (d * Math.PI) / 180;
const deg = (r: number) => (r * 180) / Math.PI;

/** The point reached from (lat, lon) after `meters` on the great circle heading `bearing` degrees. */
function destination(lat: number, lon: number, bearing: number, meters: number) {
  const d = meters / R;
  const [φ, λ, θ] = [rad(lat), rad(lon), rad(bearing)];
  const φ2 = Math.asin(Math.sin(φ) * Math.cos(d) + Math.cos(φ) * Math.sin(d) * Math.cos(θ));
  const λ2 = λ + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ), Math.cos(d) - Math.sin(φ) * Math.sin(φ2));
  return { lat: deg(φ2), lon: ((deg(λ2) + 540) % 360) - 180 };
}

describe("boundingBox", () => {
  it("contains every point within the radius (the exact distance test then runs on the box)", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -85, max: 85, noNaN: true }),
        fc.double({ min: -180, max: 180, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 100, max: 500_000, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (lat, lon, bearing, radius, fraction) => {
          const box = boundingBox({ lat, lon }, radius);
          const p = destination(lat, lon, bearing, radius * fraction);
          expect(p.lat).toBeGreaterThanOrEqual(box.minLat);
          expect(p.lat).toBeLessThanOrEqual(box.maxLat);
          expect(p.lon).toBeGreaterThanOrEqual(box.minLon);
          expect(p.lon).toBeLessThanOrEqual(box.maxLon);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("is tight around Paris: 30 km is about 0.27° of latitude and 0.41° of longitude", () => {
    const box = boundingBox({ lat: 48.86, lon: 2.35 }, 30_000);
    expect(box.maxLat - 48.86).toBeCloseTo(0.2695, 3);
    expect(box.maxLon - 2.35).toBeCloseTo(0.4097, 2);
  });

  it("takes every longitude when the circle reaches a pole or crosses the antimeridian", () => {
    expect(boundingBox({ lat: 89.9, lon: 10 }, 50_000)).toMatchObject({ minLon: -180, maxLon: 180 });
    expect(boundingBox({ lat: -17.5, lon: 179.9 }, 50_000)).toMatchObject({ minLon: -180, maxLon: 180 });
  });
});
