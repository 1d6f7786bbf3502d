-- Custom SQL migration file: what drizzle-kit cannot express for search_documents.
-- Radius filter (earth_box @> …) and distance order (<-> KNN) on the supplier's position.
CREATE INDEX "search_documents_earth_idx" ON "search_documents" USING gist (ll_to_earth("lat", "lon")) WHERE "lat" IS NOT NULL AND "lon" IS NOT NULL;
