import type { PGlite } from "@electric-sql/pglite";

/** pg-boss's `db` option: anything with `executeSql(text, values)` returning `{ rows }`. */
export type BossDb = { executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }> };

/**
 * Values as node-postgres sends them (pg-boss is written against it): arrays as array literals
 * (job ids go as `uuid[]`), dates as ISO strings, objects as JSON.
 */
export function toParam(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return `{${value.map(arrayElement).join(",")}}`;
  if (typeof value === "object") return JSON.stringify(value);
  return value;
}

function arrayElement(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  const text = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  return `"${text.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`;
}

/**
 * pg-boss on the embedded PGlite. PGlite has one connection and serialises every call, so
 * pg-boss's polling simply queues behind the application's transactions (never inside them).
 * Statements without parameters may be several at once (`BEGIN; …; COMMIT;` for maintenance and
 * installation): they go through `exec`, inside a PGlite transaction so that a failure rolls back
 * instead of leaving the only connection in an aborted transaction. The rest goes through `query`.
 */
export function pgliteBossDb(pglite: PGlite): BossDb {
  return {
    async executeSql(text, values) {
      if (values && values.length > 0) {
        const result = await pglite.query(text, values.map(toParam));
        return { rows: result.rows };
      }
      const results = await pglite.transaction(async (tx) => tx.exec(text));
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}
