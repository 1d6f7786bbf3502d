import { describe, expect, it } from "vitest";
import { navigationFor } from "./navigation";

describe("navigation by role", () => {
  it("shows nothing personal to visitors", () => {
    expect(navigationFor(null)).toBeNull();
  });

  it("gives each role its own links", () => {
    const nav = navigationFor({
      displayName: "Nadia",
      isAdmin: false,
      memberships: [
        { kind: "club", slug: "club-est", name: "Club Est" },
        { kind: "supplier", slug: "net-eclat", name: "Net'Éclat" },
      ],
    });
    expect(nav?.links.map((l) => l.to)).toEqual(["/tableau-de-bord", "/fournisseur/profil", "/fournisseur/besoins", "/opportunites", "/clubs/club-est"]);
    expect(navigationFor({ displayName: "Admin", isAdmin: true, memberships: [] })?.links.map((l) => l.to)).toEqual(["/tableau-de-bord", "/admin"]);
  });
});
