import { describe, expect, it } from "vitest";
import { pageHref, toggleParam, withParam, withRedirectTo } from "./url";

describe("URL state helpers", () => {
  it("carries where to go after an account page, or nothing", () => {
    expect(withRedirectTo("/connexion", "/invitations/abc")).toBe("/connexion?redirectTo=%2Finvitations%2Fabc");
    expect(withRedirectTo("/verification-email?token=t", "/rencontres/x")).toBe("/verification-email?token=t&redirectTo=%2Frencontres%2Fx");
    expect(withRedirectTo("/inscription", "")).toBe("/inscription");
    expect(withRedirectTo("/inscription", null)).toBe("/inscription");
  });

  it("toggles a repeatable filter and resets the page", () => {
    const params = new URLSearchParams("q=nettoyage&categorie=nettoyage&page=3");
    expect(toggleParam(params, "categorie", "espaces-verts")).toBe("?q=nettoyage&categorie=nettoyage&categorie=espaces-verts");
    expect(toggleParam(params, "categorie", "nettoyage")).toBe("?q=nettoyage");
  });

  it("sets or clears a single value", () => {
    const params = new URLSearchParams("q=traiteur&tri=distance");
    expect(withParam(params, "tri", "recent")).toBe("?q=traiteur&tri=recent");
    expect(withParam(params, "tri", null)).toBe("?q=traiteur");
  });

  it("builds page links without page=1", () => {
    const params = new URLSearchParams("q=a&page=2");
    expect(pageHref(params, 1)).toBe("?q=a");
    expect(pageHref(params, 3)).toBe("?q=a&page=3");
  });
});
