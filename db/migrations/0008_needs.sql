CREATE TYPE "public"."need_budget_band" AS ENUM('lt5k', '5k-25k', '25k-90k', '90k-215k', 'gt215k');--> statement-breakpoint
CREATE TYPE "public"."need_csr_intent" AS ENUM('direct_purchase', 'subcontracting', 'reserved_lot', 'social_clause');--> statement-breakpoint
CREATE TYPE "public"."need_perimeter_kind" AS ENUM('radius', 'epci', 'departments', 'national');--> statement-breakpoint
CREATE TYPE "public"."need_recurrence" AS ENUM('one_off', 'recurring');--> statement-breakpoint
CREATE TYPE "public"."need_status" AS ENUM('draft', 'submitted', 'published', 'closed', 'awarded', 'not_awarded', 'cancelled', 'rejected');--> statement-breakpoint
CREATE TABLE "club_need_settings" (
	"club_id" uuid PRIMARY KEY NOT NULL,
	"approval_required" boolean DEFAULT true NOT NULL,
	"notify_batch_size" integer DEFAULT 20 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_unsubscribes" (
	"email" text NOT NULL,
	"kind" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mail_unsubscribes_email_kind_pk" PRIMARY KEY("email","kind")
);
--> statement-breakpoint
CREATE TABLE "need_answers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"author_id" text,
	"message" text NOT NULL,
	"answers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"quote_amount_cents" bigint,
	"quote_upload_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_attachments" (
	"need_id" uuid NOT NULL,
	"upload_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_attachments_need_id_upload_id_pk" PRIMARY KEY("need_id","upload_id")
);
--> statement-breakpoint
CREATE TABLE "need_digest_entries" (
	"supplier_id" uuid NOT NULL,
	"need_id" uuid NOT NULL,
	"day" date NOT NULL,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "need_digest_entries_supplier_id_need_id_pk" PRIMARY KEY("supplier_id","need_id")
);
--> statement-breakpoint
CREATE TABLE "need_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"actor_id" text,
	"from_status" "need_status",
	"to_status" "need_status" NOT NULL,
	"action" text NOT NULL,
	"message" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_questions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"text" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "need_suppliers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"need_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"score" integer,
	"reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"matched" boolean DEFAULT false NOT NULL,
	"notified_at" timestamp with time zone,
	"viewed_at" timestamp with time zone,
	"interested_at" timestamp with time zone,
	"declined_at" timestamp with time zone,
	"decline_reason" text,
	"shortlisted_at" timestamp with time zone,
	"selected_at" timestamp with time zone,
	"selected_amount_cents" bigint,
	"reminders_sent" integer DEFAULT 0 NOT NULL,
	"last_reminded_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"buyer_organisation_id" uuid NOT NULL,
	"club_id" uuid NOT NULL,
	"created_by" text,
	"status" "need_status" DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"categories" text[] DEFAULT '{}' NOT NULL,
	"commune_insee" text,
	"lat" double precision,
	"lon" double precision,
	"perimeter_kind" "need_perimeter_kind" DEFAULT 'radius' NOT NULL,
	"radius_km" integer,
	"departments" text[] DEFAULT '{}' NOT NULL,
	"budget_band" "need_budget_band",
	"amount_cents" bigint,
	"response_deadline" date,
	"start_date" date,
	"recurrence" "need_recurrence" DEFAULT 'one_off' NOT NULL,
	"required_labels" text[] DEFAULT '{}' NOT NULL,
	"insurance_required" boolean DEFAULT false NOT NULL,
	"references_required" boolean DEFAULT false NOT NULL,
	"requirements_note" text,
	"csr_intent" "need_csr_intent",
	"text_query" text DEFAULT '' NOT NULL,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "club_need_settings" ADD CONSTRAINT "club_need_settings_club_id_clubs_organisation_id_fk" FOREIGN KEY ("club_id") REFERENCES "public"."clubs"("organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_need_settings" ADD CONSTRAINT "club_need_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_answers" ADD CONSTRAINT "need_answers_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_answers" ADD CONSTRAINT "need_answers_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_answers" ADD CONSTRAINT "need_answers_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_answers" ADD CONSTRAINT "need_answers_quote_upload_id_uploads_id_fk" FOREIGN KEY ("quote_upload_id") REFERENCES "public"."uploads"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_attachments" ADD CONSTRAINT "need_attachments_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_attachments" ADD CONSTRAINT "need_attachments_upload_id_uploads_id_fk" FOREIGN KEY ("upload_id") REFERENCES "public"."uploads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_digest_entries" ADD CONSTRAINT "need_digest_entries_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_digest_entries" ADD CONSTRAINT "need_digest_entries_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_events" ADD CONSTRAINT "need_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_questions" ADD CONSTRAINT "need_questions_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_suppliers" ADD CONSTRAINT "need_suppliers_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "need_suppliers" ADD CONSTRAINT "need_suppliers_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_buyer_organisation_id_organisations_id_fk" FOREIGN KEY ("buyer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_club_id_clubs_organisation_id_fk" FOREIGN KEY ("club_id") REFERENCES "public"."clubs"("organisation_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_commune_insee_communes_insee_fk" FOREIGN KEY ("commune_insee") REFERENCES "public"."communes"("insee") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "need_answers_need_supplier_idx" ON "need_answers" USING btree ("need_id","supplier_id");--> statement-breakpoint
CREATE INDEX "need_digest_entries_day_idx" ON "need_digest_entries" USING btree ("supplier_id","day");--> statement-breakpoint
CREATE INDEX "need_events_need_idx" ON "need_events" USING btree ("need_id","created_at");--> statement-breakpoint
CREATE INDEX "need_questions_need_idx" ON "need_questions" USING btree ("need_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "need_suppliers_need_supplier_idx" ON "need_suppliers" USING btree ("need_id","supplier_id");--> statement-breakpoint
CREATE INDEX "need_suppliers_supplier_idx" ON "need_suppliers" USING btree ("supplier_id");--> statement-breakpoint
CREATE INDEX "needs_buyer_idx" ON "needs" USING btree ("buyer_organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "needs_club_status_idx" ON "needs" USING btree ("club_id","status");--> statement-breakpoint
CREATE INDEX "needs_status_idx" ON "needs" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "needs_categories_idx" ON "needs" USING gin ("categories");--> statement-breakpoint
-- Custom SQL for the matching service (not expressible in the drizzle schema): candidates by
-- category overlap or NAF code, and the geographic prefilter (earth_box @> …) on the supplier.
CREATE INDEX IF NOT EXISTS "suppliers_categories_gin_idx" ON "suppliers" USING gin ("categories");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "suppliers_naf_idx" ON "suppliers" USING btree ("naf_code");--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "suppliers_earth_idx" ON "suppliers" USING gist (ll_to_earth("lat", "lon")) WHERE "lat" IS NOT NULL AND "lon" IS NOT NULL;
