import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/connection";
import { createClubRow, createOrganisationRow, createUser } from "../db/seed/factories";
import { lucia } from "~/modules/accounts/lucia.server";
import { routeFileToPath, routeModules, type RouteModule } from "./route-manifest";

type Persona = "anonymous" | "supplier" | "buyer" | "animator" | "otherAnimator" | "admin";
const personas: Persona[] = ["anonymous", "supplier", "buyer", "animator", "otherAnimator", "admin"];

/** Who a policy lets in. "signed-in" routes may still scope further (403 on another's data). */
const allowed: Record<string, Persona[]> = {
  public: personas,
  "signed-in": ["supplier", "buyer", "animator", "otherAnimator", "admin"],
  supplier: ["supplier"],
  buyer: ["buyer"],
  "club-animator": ["animator", "admin"],
  admin: ["admin"],
};

const userIds: Partial<Record<Persona, string>> = {};
let clubSlug = "";

beforeAll(async () => {
  const make = async (name: string, isAdmin = false) => {
    const user = await createUser(db, { email: `${name}@policies.example.org`, displayName: name, isAdmin });
    userIds[name as Persona] = user.id;
    return user;
  };
  const supplier = await make("supplier");
  const buyer = await make("buyer");
  const animator = await make("animator");
  const other = await make("otherAnimator");
  await make("admin", true);
  await createOrganisationRow(db, { kind: "supplier", name: "Fournisseur Politique", members: [{ userId: supplier.id }] });
  await createOrganisationRow(db, { kind: "buyer", name: "Acheteur Politique", members: [{ userId: buyer.id }] });
  const club = await createClubRow(db, { name: "Club A", epciSiren: "200054781", epciName: "MGP", qpvCodes: [], animatorIds: [animator.id] });
  await createClubRow(db, { name: "Club B", epciSiren: "200054781", epciName: "MGP", qpvCodes: [], animatorIds: [other.id] });
  clubSlug = club.slug;
});

const files = Object.keys(routeModules).sort();

function paramsFor(names: string[]): Record<string, string> {
  const values: Record<string, string> = {};
  for (const name of names) values[name] = name === "clubSlug" ? clubSlug : name.endsWith("Id") ? "00000000-0000-4000-8000-000000000000" : "exemple";
  return values;
}

type Outcome = "login" | "forbidden" | "allowed";

async function outcomeOf(run: () => Promise<unknown>): Promise<{ outcome: Outcome; status: number }> {
  let response: unknown;
  try {
    response = await run();
  } catch (thrown) {
    response = thrown;
  }
  if (response instanceof Response) {
    const location = response.headers.get("Location") ?? "";
    if (response.status >= 300 && response.status < 400 && location.startsWith("/connexion")) return { outcome: "login", status: response.status };
    if (response.status === 403) return { outcome: "forbidden", status: 403 };
    return { outcome: "allowed", status: response.status };
  }
  const init = (response as { init?: { status?: number } } | undefined)?.init;
  if (init?.status === 403) return { outcome: "forbidden", status: 403 };
  if (response instanceof Error) throw response;
  return { outcome: "allowed", status: init?.status ?? 200 };
}

/** A fresh session per request: a route such as /deconnexion closes the one it is given. */
async function request(persona: Persona, path: string, method: "GET" | "POST"): Promise<Request> {
  const headers = new Headers();
  const userId = userIds[persona];
  if (userId) {
    const session = await lucia.createSession(userId, {});
    headers.set("Cookie", lucia.createSessionCookie(session.id).serialize().split(";")[0]!);
  }
  const init: RequestInit = { method, headers };
  if (method === "POST") init.body = new FormData();
  return new Request(`http://localhost:3000${path}`, init);
}

describe("route manifest", () => {
  it("finds the routes", () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it("declares an access policy on every route", async () => {
    const missing: string[] = [];
    for (const file of files) {
      const mod = await routeModules[file]!();
      if (!mod.policy || !(mod.policy.kind in allowed)) missing.push(routeFileToPath(file).id);
    }
    expect(missing, `routes without a declared policy: ${missing.join(", ")}`).toEqual([]);
  });
});

describe.each(files.map((file) => [routeFileToPath(file).id, file] as const))("route %s", (_id, file) => {
  it("enforces its policy for every persona", async () => {
    const mod: RouteModule = await routeModules[file]!();
    const { path, params } = routeFileToPath(file);
    const values = paramsFor(params);
    const url = path.replace(/:(\w+)/g, (_m, name: string) => values[name]!).replace("*", "exemple");
    for (const persona of personas) {
      for (const method of ["GET", "POST"] as const) {
        const kind = (method === "POST" ? (mod.actionPolicy ?? mod.policy) : mod.policy)!.kind;
        const handler = method === "GET" ? mod.loader : mod.action;
        if (!handler) continue;
        const req = await request(persona, url, method);
        const { outcome, status } = await outcomeOf(() => handler({ request: req, params: values, context: { clientIp: `policy-${persona}` } }));
        const label = `${method} ${url} as ${persona} (policy ${kind}) → ${status}`;
        if (allowed[kind]!.includes(persona)) {
          expect(outcome === "login" || (outcome === "forbidden" && kind !== "signed-in"), label).toBe(false);
        } else {
          expect(outcome, label).toBe(persona === "anonymous" ? "login" : "forbidden");
        }
      }
    }
  });
});
