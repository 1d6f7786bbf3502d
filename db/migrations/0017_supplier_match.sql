CREATE TABLE "supplier_match" (
	"supplier_id" uuid PRIMARY KEY NOT NULL,
	"categories" text[] NOT NULL,
	"naf_code" text,
	"lat" double precision,
	"lon" double precision,
	"commune_insee" text,
	"department" text,
	"zone_kind" "zone_kind" NOT NULL,
	"zone_radius_km" integer NOT NULL,
	"zone_departments" text[] NOT NULL,
	"qpv_status" "qpv_status" NOT NULL,
	"labels" text[] NOT NULL,
	"qpv_code" text,
	"text_vector" "tsvector" NOT NULL
);
--> statement-breakpoint
ALTER TABLE "supplier_match" ADD CONSTRAINT "supplier_match_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "supplier_match_categories_idx" ON "supplier_match" USING gin ("categories") WITH (fastupdate=false);--> statement-breakpoint
CREATE INDEX "supplier_match_naf_idx" ON "supplier_match" USING btree ("naf_code");--> statement-breakpoint
-- Hand-written from here: supplier_match is kept by triggers, so that every write of a supplier
-- (profile, import, seed, bulk loads, QPV checks) and of its search document keeps it right.
-- text_vector is the vector matching ranks text on: the search index's, else the one built on
-- the fly (matching.server.ts, onTheFlyVector: keep the two expressions identical).
CREATE OR REPLACE FUNCTION supplier_match_refresh(ids uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO supplier_match AS m (supplier_id, categories, naf_code, lat, lon, commune_insee, department, zone_kind,
    zone_radius_km, zone_departments, qpv_status, labels, qpv_code, text_vector)
  SELECT s.id, s.categories, s.naf_code, s.lat, s.lon, s.commune_insee,
    CASE WHEN s.commune_insee LIKE '97%' THEN left(s.commune_insee, 3) ELSE left(s.commune_insee, 2) END,
    s.zone_kind, s.zone_radius_km, s.zone_departments, s.qpv_status, s.labels, s.qpv_code,
    coalesce(sd.search_vector, (setweight(to_tsvector('french', f_unaccent(s.legal_name || ' ' || coalesce(s.trade_name, ''))), 'A')
      || setweight(to_tsvector('french', f_unaccent(coalesce((SELECT string_agg(ss.title || ' ' || ss.description, ' ') FROM supplier_services ss WHERE ss.supplier_id = s.id), ''))), 'B')
      || setweight(to_tsvector('french', f_unaccent(s.description)), 'C')))
  FROM suppliers s LEFT JOIN search_documents sd ON sd.id = s.id
  WHERE s.id = ANY(ids)
  ON CONFLICT (supplier_id) DO UPDATE SET categories = excluded.categories, naf_code = excluded.naf_code, lat = excluded.lat,
    lon = excluded.lon, commune_insee = excluded.commune_insee, department = excluded.department, zone_kind = excluded.zone_kind,
    zone_radius_km = excluded.zone_radius_km, zone_departments = excluded.zone_departments, qpv_status = excluded.qpv_status,
    labels = excluded.labels, qpv_code = excluded.qpv_code, text_vector = excluded.text_vector
  -- Most supplier writes (claim, logo, a search reindex) change nothing here: no new row version.
  WHERE (m.categories, m.naf_code, m.lat, m.lon, m.commune_insee, m.department, m.zone_kind, m.zone_radius_km,
      m.zone_departments, m.qpv_status, m.labels, m.qpv_code, m.text_vector)
    IS DISTINCT FROM (excluded.categories, excluded.naf_code, excluded.lat, excluded.lon, excluded.commune_insee,
      excluded.department, excluded.zone_kind, excluded.zone_radius_km, excluded.zone_departments, excluded.qpv_status,
      excluded.labels, excluded.qpv_code, excluded.text_vector)
$$;--> statement-breakpoint
-- Statement-level triggers with transition tables: a bulk import refreshes its rows in one statement.
-- Deleted suppliers leave through the foreign key's cascade.
CREATE OR REPLACE FUNCTION supplier_match_on_suppliers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM supplier_match_refresh(ARRAY(SELECT id FROM new_rows));
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION supplier_match_on_documents() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'TRUNCATE' THEN
    PERFORM supplier_match_refresh(ARRAY(SELECT id FROM suppliers));
  ELSIF TG_OP = 'INSERT' THEN
    PERFORM supplier_match_refresh(ARRAY(SELECT id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM supplier_match_refresh(ARRAY(SELECT id FROM new_rows UNION SELECT id FROM old_rows));
  ELSE
    PERFORM supplier_match_refresh(ARRAY(SELECT id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE OR REPLACE FUNCTION supplier_match_on_services() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    PERFORM supplier_match_refresh(ARRAY(SELECT supplier_id FROM new_rows));
  ELSIF TG_OP = 'UPDATE' THEN
    PERFORM supplier_match_refresh(ARRAY(SELECT supplier_id FROM new_rows UNION SELECT supplier_id FROM old_rows));
  ELSE
    PERFORM supplier_match_refresh(ARRAY(SELECT supplier_id FROM old_rows));
  END IF;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER supplier_match_suppliers_insert AFTER INSERT ON suppliers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_match_on_suppliers();--> statement-breakpoint
CREATE TRIGGER supplier_match_suppliers_update AFTER UPDATE ON suppliers REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_match_on_suppliers();--> statement-breakpoint
CREATE TRIGGER supplier_match_documents_insert AFTER INSERT ON search_documents REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_match_on_documents();--> statement-breakpoint
CREATE TRIGGER supplier_match_documents_update AFTER UPDATE ON search_documents REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_match_on_documents();--> statement-breakpoint
CREATE TRIGGER supplier_match_documents_delete AFTER DELETE ON search_documents REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_match_on_documents();--> statement-breakpoint
CREATE TRIGGER supplier_match_documents_truncate AFTER TRUNCATE ON search_documents
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_match_on_documents();--> statement-breakpoint
CREATE TRIGGER supplier_match_services_insert AFTER INSERT ON supplier_services REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_match_on_services();--> statement-breakpoint
CREATE TRIGGER supplier_match_services_update AFTER UPDATE ON supplier_services REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_match_on_services();--> statement-breakpoint
CREATE TRIGGER supplier_match_services_delete AFTER DELETE ON supplier_services REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION supplier_match_on_services();--> statement-breakpoint
SELECT supplier_match_refresh(ARRAY(SELECT id FROM suppliers));
