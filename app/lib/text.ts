/** Lower-case, accent-free, single-spaced: the key used to compare names typed by people. */
export function searchKey(input: string): string {
  return input
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[''`´]/g, " ")
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** URL-safe slug from a French name. */
export function slugify(input: string): string {
  return searchKey(input).replace(/ /g, "-").slice(0, 80) || "sans-nom";
}
