CREATE TYPE "public"."check_in_status" AS ENUM('unknown', 'present', 'absent');--> statement-breakpoint
CREATE TYPE "public"."event_approval_mode" AS ENUM('auto', 'manual');--> statement-breakpoint
CREATE TYPE "public"."event_status" AS ENUM('draft', 'open', 'scheduling', 'published', 'done');--> statement-breakpoint
CREATE TYPE "public"."event_table_mode" AS ENUM('auto', 'fixed', 'any');--> statement-breakpoint
CREATE TYPE "public"."meeting_request_status" AS ENUM('pending', 'accepted', 'declined', 'expired', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."meeting_status" AS ENUM('scheduled', 'held', 'missed', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."participant_side" AS ENUM('buyer', 'supplier');--> statement-breakpoint
CREATE TYPE "public"."participant_status" AS ENUM('pending', 'approved', 'waitlisted', 'cancelled', 'rejected');--> statement-breakpoint
CREATE TABLE "event_participants" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"side" "participant_side" NOT NULL,
	"status" "participant_status" NOT NULL,
	"waitlist_position" integer,
	"availability" text[],
	"session_preference" text,
	"pitch" text DEFAULT '' NOT NULL,
	"linked_needs" jsonb,
	"checked_in" "check_in_status" DEFAULT 'unknown' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_slots" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"session" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"club_id" uuid NOT NULL,
	"slug" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"venue" text DEFAULT '' NOT NULL,
	"date" date NOT NULL,
	"sessions" jsonb NOT NULL,
	"meeting_minutes" integer DEFAULT 20 NOT NULL,
	"gap_minutes" integer DEFAULT 5 NOT NULL,
	"breaks" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"tables_count" integer DEFAULT 10 NOT NULL,
	"table_mode" "event_table_mode" DEFAULT 'auto' NOT NULL,
	"capacity_buyers" integer DEFAULT 20 NOT NULL,
	"capacity_suppliers" integer DEFAULT 40 NOT NULL,
	"registration_opens_at" timestamp with time zone,
	"registration_closes_at" timestamp with time zone,
	"wish_deadline" timestamp with time zone,
	"max_wishes" integer DEFAULT 8 NOT NULL,
	"approval_mode" "event_approval_mode" DEFAULT 'auto' NOT NULL,
	"status" "event_status" DEFAULT 'draft' NOT NULL,
	"ticket_price_cents" integer,
	"published_version" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_positive" CHECK ("events"."meeting_minutes" > 0 AND "events"."gap_minutes" >= 0 AND "events"."tables_count" > 0 AND "events"."max_wishes" > 0)
);
--> statement-breakpoint
CREATE TABLE "meeting_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"from_participant" uuid NOT NULL,
	"to_participant" uuid NOT NULL,
	"rank" integer NOT NULL,
	"status" "meeting_request_status" DEFAULT 'pending' NOT NULL,
	"mutual" boolean DEFAULT false NOT NULL,
	"forced" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_at" timestamp with time zone,
	CONSTRAINT "meeting_requests_not_self" CHECK ("meeting_requests"."from_participant" <> "meeting_requests"."to_participant")
);
--> statement-breakpoint
CREATE TABLE "meetings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"request_id" uuid,
	"participant_a" uuid NOT NULL,
	"participant_b" uuid NOT NULL,
	"slot_id" uuid NOT NULL,
	"table_label" text NOT NULL,
	"locked" boolean DEFAULT false NOT NULL,
	"status" "meeting_status" DEFAULT 'scheduled' NOT NULL,
	"held_a" boolean,
	"held_b" boolean,
	"version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "schedule_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"kind" text DEFAULT 'full' NOT NULL,
	"stats" jsonb NOT NULL,
	"precheck" jsonb,
	"unscheduled" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participants" ADD CONSTRAINT "event_participants_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_slots" ADD CONSTRAINT "event_slots_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_club_id_clubs_organisation_id_fk" FOREIGN KEY ("club_id") REFERENCES "public"."clubs"("organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_requests" ADD CONSTRAINT "meeting_requests_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_requests" ADD CONSTRAINT "meeting_requests_from_participant_event_participants_id_fk" FOREIGN KEY ("from_participant") REFERENCES "public"."event_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_requests" ADD CONSTRAINT "meeting_requests_to_participant_event_participants_id_fk" FOREIGN KEY ("to_participant") REFERENCES "public"."event_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_request_id_meeting_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."meeting_requests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_participant_a_event_participants_id_fk" FOREIGN KEY ("participant_a") REFERENCES "public"."event_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_participant_b_event_participants_id_fk" FOREIGN KEY ("participant_b") REFERENCES "public"."event_participants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meetings" ADD CONSTRAINT "meetings_slot_id_event_slots_id_fk" FOREIGN KEY ("slot_id") REFERENCES "public"."event_slots"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_runs" ADD CONSTRAINT "schedule_runs_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "schedule_runs" ADD CONSTRAINT "schedule_runs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_participants_user_idx" ON "event_participants" USING btree ("event_id","user_id");--> statement-breakpoint
CREATE INDEX "event_participants_status_idx" ON "event_participants" USING btree ("event_id","side","status");--> statement-breakpoint
CREATE INDEX "event_participants_org_idx" ON "event_participants" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "event_slots_position_idx" ON "event_slots" USING btree ("event_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "events_slug_idx" ON "events" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "events_club_idx" ON "events" USING btree ("club_id","date");--> statement-breakpoint
CREATE UNIQUE INDEX "meeting_requests_pair_idx" ON "meeting_requests" USING btree ("event_id","from_participant","to_participant");--> statement-breakpoint
CREATE INDEX "meeting_requests_to_idx" ON "meeting_requests" USING btree ("to_participant","status");--> statement-breakpoint
CREATE INDEX "meetings_event_slot_idx" ON "meetings" USING btree ("event_id","slot_id");--> statement-breakpoint
CREATE INDEX "meetings_a_idx" ON "meetings" USING btree ("participant_a");--> statement-breakpoint
CREATE INDEX "meetings_b_idx" ON "meetings" USING btree ("participant_b");--> statement-breakpoint
CREATE INDEX "schedule_runs_event_idx" ON "schedule_runs" USING btree ("event_id","created_at");