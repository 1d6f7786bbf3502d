/** "Montreuil (93100)": how a commune is shown and typed back in forms. */
export function communeLabel(c: { name: string; postalCode: string | null }): string {
  return c.postalCode ? `${c.name} (${c.postalCode})` : c.name;
}
