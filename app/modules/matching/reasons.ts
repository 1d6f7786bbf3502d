// French reason strings shown to buyers, suppliers and animators. Kept together for review.

export function formatKm(km: number): string {
  return km < 1 ? "moins de 1 km" : `${Math.round(km)} km`;
}

/** "8121Z" → "81.21Z" (the form printed on INSEE notices). */
export function displayNaf(code: string): string {
  return code.length === 5 ? `${code.slice(0, 2)}.${code.slice(2)}` : code;
}

export const reasons = {
  category: (label: string) => `Catégorie : ${label}`,
  naf: (code: string) => `Code NAF compatible (${displayNaf(code)})`,
  noFit: () => "Activité sans rapport avec les catégories du besoin",
  withinRadius: (km: number) => `À ${formatKm(km)}, dans le périmètre`,
  withinDepartments: (department: string) => `Dans le périmètre (département ${department})`,
  withinEpci: () => "Dans l'intercommunalité du besoin",
  national: () => "Besoin ouvert à toute la France",
  sameDepartmentNoDistance: (department: string) => `Même département (${department}), distance inconnue`,
  sameEpciNoDistance: () => "Même intercommunalité, distance inconnue",
  zoneRadius: (km: number, zoneKm: number) => `Intervient jusqu'à ${zoneKm} km : besoin à ${formatKm(km)}`,
  zoneDepartments: (department: string) => `Zone d'intervention : tout le département ${department}`,
  zoneNational: () => "Zone d'intervention : toute la France",
  outside: (km: number | null) =>
    km === null ? "Hors du périmètre du besoin et de sa zone d'intervention" : `Hors périmètre (à ${formatKm(km)})`,
  qpvVerified: (name: string | null) => (name ? `QPV vérifié : ${name}` : "QPV vérifié"),
  qpvDeclared: () => "QPV déclaré (non vérifié)",
  label: (label: string) => (/^label\b/i.test(label) ? label : `Label ${label}`),
  missingLabel: (label: string) => `Label demandé absent : ${label}`,
  text: () => "Description proche du besoin",
  responsive: (answered: number, notified: number) =>
    `Répond souvent aux besoins (${answered} réponse${answered > 1 ? "s" : ""} sur ${notified})`,
  rarelyResponsive: (answered: number, notified: number) =>
    `A répondu à ${answered} besoin${answered > 1 ? "s" : ""} sur ${notified}`,
} as const;
