CREATE TYPE "public"."survey_answer" AS ENUM('yes', 'not_yet', 'no');--> statement-breakpoint
CREATE TYPE "public"."survey_side" AS ENUM('buyer', 'supplier');--> statement-breakpoint
CREATE TABLE "follow_up_notices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid NOT NULL,
	"recipients" integer NOT NULL,
	"sent_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "survey_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"opportunity_id" uuid NOT NULL,
	"side" "survey_side" NOT NULL,
	"recipient_email" text NOT NULL,
	"recipient_user_id" text,
	"touchpoint" text NOT NULL,
	"offset_days" integer NOT NULL,
	"due_at" timestamp with time zone NOT NULL,
	"token_hash" text,
	"sent_at" timestamp with time zone,
	"expires_at" timestamp with time zone,
	"answered_at" timestamp with time zone,
	"answer" "survey_answer",
	"skipped_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "survey_requests" ADD CONSTRAINT "survey_requests_opportunity_id_opportunities_id_fk" FOREIGN KEY ("opportunity_id") REFERENCES "public"."opportunities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "survey_requests" ADD CONSTRAINT "survey_requests_recipient_user_id_users_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "follow_up_notices_subject_idx" ON "follow_up_notices" USING btree ("kind","subject_id","sent_at");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_requests_recipient_offset_idx" ON "survey_requests" USING btree ("opportunity_id","recipient_email","offset_days");--> statement-breakpoint
CREATE UNIQUE INDEX "survey_requests_token_idx" ON "survey_requests" USING btree ("token_hash");--> statement-breakpoint
CREATE INDEX "survey_requests_due_idx" ON "survey_requests" USING btree ("due_at") WHERE "survey_requests"."sent_at" IS NULL AND "survey_requests"."skipped_at" IS NULL;