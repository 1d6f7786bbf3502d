import { sql } from "drizzle-orm";
import { db } from "../../db/connection";
import { policies } from "~/lib/policy";

export const policy = policies.public;

/** For load balancers: 200 when the database answers. */
export async function loader() {
  await db.execute(sql`select 1`);
  return Response.json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });
}
