const EARTH_RADIUS_KM = 6371.0088;

function toRadians(degrees: number): number {
  return (degrees * Math.PI) / 180;
}

/** Great-circle distance in kilometres between two WGS84 points. */
export function haversineKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = toRadians(lat2 - lat1);
  const dLon = toRadians(lon2 - lon1);
  const a =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(toRadians(lat1)) * Math.cos(toRadians(lat2)) * Math.sin(dLon / 2) ** 2;
  // min() guards against rounding pushing `a` just above 1 for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(a)));
}

/**
 * Department code of an INSEE commune code: "93066" → "93", "2A004" → "2A", "97411" → "974".
 * Overseas departments use three digits.
 */
export function departmentOfInsee(insee: string): string | null {
  if (!/^(\d{5}|2[AB]\d{3})$/.test(insee)) return null;
  return insee.startsWith("97") ? insee.slice(0, 3) : insee.slice(0, 2);
}
