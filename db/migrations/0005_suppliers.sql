CREATE TYPE "public"."polygon_check" AS ENUM('unknown', 'inside', 'outside');--> statement-breakpoint
CREATE TYPE "public"."qpv_status" AS ENUM('none', 'declared', 'verified', 'rejected');--> statement-breakpoint
CREATE TYPE "public"."zone_kind" AS ENUM('radius', 'departments', 'national');--> statement-breakpoint
CREATE TABLE "club_suppliers" (
	"club_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"source" text DEFAULT 'import' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "club_suppliers_club_id_supplier_id_pk" PRIMARY KEY("club_id","supplier_id")
);
--> statement-breakpoint
CREATE TABLE "supplier_audit_log" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"email" text NOT NULL,
	"token_hash" text NOT NULL,
	"invited_by" text,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_photos" (
	"supplier_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"caption" text,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "supplier_photos_supplier_id_upload_id_pk" PRIMARY KEY("supplier_id","upload_id")
);
--> statement-breakpoint
CREATE TABLE "supplier_references" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"client" text NOT NULL,
	"year" integer,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "supplier_services" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"supplier_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"siret" text NOT NULL,
	"legal_name" text NOT NULL,
	"trade_name" text,
	"legal_form" text,
	"naf_code" text,
	"year_founded" integer,
	"headcount_band" text,
	"description" text DEFAULT '' NOT NULL,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"labels" text[] DEFAULT '{}' NOT NULL,
	"structure_types" text[] DEFAULT '{}' NOT NULL,
	"website" text,
	"contact_name" text,
	"email" text,
	"phone" text,
	"address" text,
	"commune_insee" text,
	"lat" double precision,
	"lon" double precision,
	"zone_kind" "zone_kind" DEFAULT 'radius' NOT NULL,
	"zone_radius_km" integer DEFAULT 30 NOT NULL,
	"zone_departments" text[] DEFAULT '{}' NOT NULL,
	"qpv_code" text,
	"qpv_status" "qpv_status" DEFAULT 'none' NOT NULL,
	"qpv_checked_at" timestamp with time zone,
	"qpv_checked_by" text,
	"qpv_note" text,
	"qpv_polygon_check" "polygon_check" DEFAULT 'unknown' NOT NULL,
	"logo_id" uuid,
	"claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "uploads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid,
	"kind" text NOT NULL,
	"mime" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"filename" text,
	"bytes" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "club_suppliers" ADD CONSTRAINT "club_suppliers_club_id_clubs_organisation_id_fk" FOREIGN KEY ("club_id") REFERENCES "public"."clubs"("organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_suppliers" ADD CONSTRAINT "club_suppliers_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_audit_log" ADD CONSTRAINT "supplier_audit_log_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_audit_log" ADD CONSTRAINT "supplier_audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_claims" ADD CONSTRAINT "supplier_claims_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_claims" ADD CONSTRAINT "supplier_claims_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_photos" ADD CONSTRAINT "supplier_photos_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_photos" ADD CONSTRAINT "supplier_photos_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_references" ADD CONSTRAINT "supplier_references_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supplier_services" ADD CONSTRAINT "supplier_services_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_commune_insee_communes_insee_fk" FOREIGN KEY ("commune_insee") REFERENCES "public"."communes"("insee") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_qpv_code_qpvs_code_fk" FOREIGN KEY ("qpv_code") REFERENCES "public"."qpvs"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "suppliers" ADD CONSTRAINT "suppliers_qpv_checked_by_users_id_fk" FOREIGN KEY ("qpv_checked_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "uploads" ADD CONSTRAINT "uploads_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "club_suppliers_supplier_idx" ON "club_suppliers" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "supplier_audit_supplier_idx" ON "supplier_audit_log" USING btree ("supplier_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "supplier_claims_token_idx" ON "supplier_claims" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "supplier_claims_supplier_idx" ON "supplier_claims" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "supplier_references_supplier_idx" ON "supplier_references" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "supplier_services_supplier_idx" ON "supplier_services" USING btree ("supplier_id");--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_siret_idx" ON "suppliers" USING btree ("siret");--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_slug_idx" ON "suppliers" USING btree ("slug");--> statement-breakpoint
CREATE UNIQUE INDEX "suppliers_organisation_idx" ON "suppliers" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "suppliers_qpv_idx" ON "suppliers" USING btree ("qpv_code","qpv_status");--> statement-breakpoint
CREATE INDEX "suppliers_commune_idx" ON "suppliers" USING btree ("commune_insee");--> statement-breakpoint
CREATE INDEX "uploads_organisation_idx" ON "uploads" USING btree ("organisation_id");