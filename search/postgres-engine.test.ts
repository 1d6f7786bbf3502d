import { db } from "../db/connection";
import { runSearchContract } from "./contract";
import { createPostgresEngine } from "./postgres-engine";

runSearchContract(process.env.DATABASE_URL ? "postgres engine on PostgreSQL" : "postgres engine on PGlite", async () => createPostgresEngine(db));
