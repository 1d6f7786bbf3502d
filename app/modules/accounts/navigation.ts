import type { NavUser } from "~/components/SiteHeader";

type NavMembership = { kind: "supplier" | "buyer" | "club"; slug: string; name: string };

/** The links a signed-in person sees, from their roles. Pure: tested without a server. */
export function navigationFor(user: { displayName: string; isAdmin: boolean; memberships: NavMembership[] } | null): NavUser {
  if (!user) return null;
  const links = [{ to: "/tableau-de-bord", label: "Tableau de bord" }];
  for (const m of user.memberships) {
    if (m.kind === "club") links.push({ to: `/clubs/${m.slug}`, label: `Club : ${m.name}` });
  }
  if (user.isAdmin) links.push({ to: "/admin", label: "Administration" });
  return { displayName: user.displayName, isAdmin: user.isAdmin, links };
}
