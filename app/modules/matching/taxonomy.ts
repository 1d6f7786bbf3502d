import { listCategories } from "../suppliers/categories";

/** The taxonomy as printed by `cli categories`: no database needed. */
export function taxonomyForCli(): { slug: string; label: string; naf: string[] }[] {
  return listCategories().map((c) => ({ slug: c.slug, label: c.label, naf: [...c.naf] }));
}
