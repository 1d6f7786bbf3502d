CREATE TYPE "public"."opportunity_event_kind" AS ENUM('created', 'stage', 'note', 'contract');--> statement-breakpoint
CREATE TYPE "public"."opportunity_origin" AS ENUM('need', 'event', 'directory');--> statement-breakpoint
CREATE TYPE "public"."opportunity_stage" AS ENUM('contact', 'meeting_held', 'quote_sent', 'won', 'lost', 'abandoned');--> statement-breakpoint
CREATE TABLE "follow_up_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"club_id" uuid NOT NULL,
	"title" text NOT NULL,
	"held_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunities" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"buyer_organisation_id" uuid NOT NULL,
	"supplier_id" uuid NOT NULL,
	"club_id" uuid,
	"origin" "opportunity_origin" NOT NULL,
	"need_id" uuid,
	"event_id" uuid,
	"stage" "opportunity_stage" DEFAULT 'contact' NOT NULL,
	"contract_signed_on" date,
	"contract_amount_cents" bigint,
	"contract_duration_months" integer,
	"contract_recurring" boolean,
	"lost_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stage_changed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "opportunity_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"kind" "opportunity_event_kind" NOT NULL,
	"actor_id" text,
	"via" text,
	"from_stage" "opportunity_stage",
	"to_stage" "opportunity_stage",
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "follow_up_sessions" ADD CONSTRAINT "follow_up_sessions_club_id_clubs_organisation_id_fk" FOREIGN KEY ("club_id") REFERENCES "public"."clubs"("organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "follow_up_sessions" ADD CONSTRAINT "follow_up_sessions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_buyer_organisation_id_organisations_id_fk" FOREIGN KEY ("buyer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_supplier_id_suppliers_id_fk" FOREIGN KEY ("supplier_id") REFERENCES "public"."suppliers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_club_id_clubs_organisation_id_fk" FOREIGN KEY ("club_id") REFERENCES "public"."clubs"("organisation_id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_need_id_needs_id_fk" FOREIGN KEY ("need_id") REFERENCES "public"."needs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunities" ADD CONSTRAINT "opportunities_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_events" ADD CONSTRAINT "opportunity_events_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "opportunity_events" ADD CONSTRAINT "opportunity_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_sessions_club_idx" ON "follow_up_sessions" USING btree ("club_id","held_at");--> statement-breakpoint
CREATE UNIQUE INDEX "opportunities_need_pair_idx" ON "opportunities" USING btree ("buyer_organisation_id","supplier_id","need_id") WHERE "opportunities"."need_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "opportunities_event_pair_idx" ON "opportunities" USING btree ("buyer_organisation_id","supplier_id","event_id") WHERE "opportunities"."event_id" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "opportunities_directory_pair_idx" ON "opportunities" USING btree ("buyer_organisation_id","supplier_id") WHERE "opportunities"."origin" = 'directory';--> statement-breakpoint
CREATE INDEX "opportunities_buyer_idx" ON "opportunities" USING btree ("buyer_organisation_id","stage");--> statement-breakpoint
CREATE INDEX "opportunities_supplier_idx" ON "opportunities" USING btree ("supplier_id","stage");--> statement-breakpoint
CREATE INDEX "opportunities_club_idx" ON "opportunities" USING btree ("club_id","updated_at");--> statement-breakpoint
CREATE INDEX "opportunity_events_opportunity_idx" ON "opportunity_events" USING btree ("opportunity_id","created_at");