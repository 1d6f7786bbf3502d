CREATE TABLE "search_payloads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"doc" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_payloads" ADD CONSTRAINT "search_payloads_id_search_documents_id_fk" FOREIGN KEY ("id") REFERENCES "public"."search_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "search_payloads" ("id", "doc") SELECT "id", "doc" FROM "search_documents";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "doc";--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "pos" "point" GENERATED ALWAYS AS (point(lon, lat)) STORED;--> statement-breakpoint
-- Radius search: the bounding box of the circle is read from this index alone (index-only scan), with
-- everything the result page and the facet counts need; it replaces the earth_box index of 0004.
CREATE INDEX "search_documents_pos_idx" ON "search_documents" USING gist ("pos") INCLUDE ("id", "categories", "labels", "qpv_code", "qpv_status", "commune_insee", "epci_siren", "department_code", "completeness", "created_at");--> statement-breakpoint
DROP INDEX IF EXISTS "search_documents_earth_idx";
