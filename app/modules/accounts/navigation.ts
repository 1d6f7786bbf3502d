import type { NavUser } from "~/components/SiteHeader";

type NavMembership = { kind: "supplier" | "buyer" | "club"; slug: string; name: string };

/** The links a signed-in person sees, from their roles. Pure: tested without a server. */
export function navigationFor(user: { displayName: string; isAdmin: boolean; memberships: NavMembership[] } | null): NavUser {
  if (!user) return null;
  const links = [{ to: "/tableau-de-bord", label: "Tableau de bord" }];
  if (user.memberships.some((m) => m.kind === "supplier")) {
    links.push({ to: "/fournisseur/profil", label: "Ma fiche" }, { to: "/fournisseur/besoins", label: "Besoins pour vous" });
  }
  if (user.memberships.some((m) => m.kind === "buyer")) links.push({ to: "/acheteur/besoins", label: "Mes besoins" });
  if (user.memberships.some((m) => m.kind === "buyer" || m.kind === "supplier")) links.push({ to: "/opportunites", label: "Opportunités" });
  for (const m of user.memberships) {
    if (m.kind === "club") links.push({ to: `/clubs/${m.slug}`, label: `Club : ${m.name}` });
    if (m.kind === "buyer") links.push({ to: `/organisations/${m.slug}/adhesion`, label: `Adhésion : ${m.name}` });
  }
  if (user.isAdmin) links.push({ to: "/admin", label: "Administration" });
  return { displayName: user.displayName, isAdmin: user.isAdmin, links };
}
