ALTER TABLE "search_documents" ADD COLUMN "pos" "point" GENERATED ALWAYS AS (point(lon, lat)) STORED;--> statement-breakpoint
-- Radius search: the bounding box of the circle is read from this index alone (index-only scan), with
-- everything the result page and the facet counts need; it replaces the earth_box index of 0004.
CREATE INDEX "search_documents_pos_idx" ON "search_documents" USING gist ("pos") INCLUDE ("id", "categories", "labels", "qpv_code", "qpv_status", "commune_insee", "epci_siren", "department_code", "completeness", "created_at");--> statement-breakpoint
DROP INDEX IF EXISTS "search_documents_earth_idx";
