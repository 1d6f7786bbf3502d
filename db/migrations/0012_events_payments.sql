ALTER TYPE "public"."event_status" ADD VALUE 'cancelled';--> statement-breakpoint
ALTER TYPE "public"."participant_status" ADD VALUE 'awaiting_payment';--> statement-breakpoint
ALTER TABLE "payments" ADD COLUMN "amount_refunded_cents" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "event_participants" ADD COLUMN "wish_nudged_at" timestamp with time zone;