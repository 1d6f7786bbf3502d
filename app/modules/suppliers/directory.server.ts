import { db } from "../../../db/connection";
import { getSearchEngine } from "../../../search";
import { searchDirectory, type DirectorySearch } from "../../../search/service";
import { communeLabel } from "../reference/labels";
import { resolveCommune } from "../reference/reference.server";

export type Directory = DirectorySearch & { nearLabel: string | null; unknownPlace: string | null };

/**
 * The directory as the page and the open-data API use it. People type a place ("Montreuil
 * (93100)", "93100") in "près de": it is resolved to the commune's INSEE code the search expects.
 */
export async function directory(params: URLSearchParams): Promise<Directory> {
  const typed = params.get("pres_de")?.trim() ?? "";
  let unknownPlace: string | null = null;
  let nearLabel: string | null = null;
  if (typed) {
    const commune = await resolveCommune(typed);
    if (commune) {
      params.set("pres_de", commune.insee);
      if (!params.has("rayon_km")) params.set("rayon_km", "10");
      nearLabel = communeLabel(commune);
    } else {
      params.delete("pres_de");
      unknownPlace = typed;
    }
  }
  const found = await searchDirectory(getSearchEngine(), db, params);
  return { ...found, nearLabel, unknownPlace };
}
