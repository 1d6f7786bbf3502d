CREATE TYPE "public"."buyer_membership_status" AS ENUM('none', 'active', 'past_due', 'cancelled');--> statement-breakpoint
CREATE TYPE "public"."payment_purpose" AS ENUM('membership', 'ticket');--> statement-breakpoint
CREATE TYPE "public"."payment_status" AS ENUM('pending', 'paid', 'failed', 'cancelled', 'refunded');--> statement-breakpoint
CREATE TABLE "buyer_memberships" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"club_id" uuid NOT NULL,
	"buyer_org_id" uuid NOT NULL,
	"status" "buyer_membership_status" DEFAULT 'none' NOT NULL,
	"active_until" timestamp with time zone,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"free_grant" boolean DEFAULT false NOT NULL,
	"granted_by" text,
	"granted_at" timestamp with time zone,
	"grant_note" text,
	"stripe_customer_id" text,
	"stripe_subscription_id" text,
	"last_stripe_event_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "club_billing_settings" (
	"club_id" uuid PRIMARY KEY NOT NULL,
	"membership_price_cents" integer,
	"membership_required_for_needs" boolean DEFAULT false NOT NULL,
	"membership_required_for_events" boolean DEFAULT false NOT NULL,
	"stripe_product_id" text,
	"stripe_price_id" text,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "club_billing_settings_price_positive" CHECK ("club_billing_settings"."membership_price_cents" IS NULL OR "club_billing_settings"."membership_price_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "club_event_prices" (
	"event_id" uuid PRIMARY KEY NOT NULL,
	"club_id" uuid NOT NULL,
	"ticket_price_cents" integer NOT NULL,
	"currency" text DEFAULT 'eur' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "club_event_prices_positive" CHECK ("club_event_prices"."ticket_price_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"club_id" uuid NOT NULL,
	"buyer_org_id" uuid NOT NULL,
	"purpose" "payment_purpose" NOT NULL,
	"registration_id" uuid,
	"event_id" uuid,
	"amount_cents" integer NOT NULL,
	"currency" text DEFAULT 'eur' NOT NULL,
	"status" "payment_status" DEFAULT 'pending' NOT NULL,
	"checkout_session_id" text,
	"payment_intent_id" text,
	"invoice_id" text,
	"charge_id" text,
	"stripe_subscription_id" text,
	"started_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paid_at" timestamp with time zone,
	"refunded_at" timestamp with time zone,
	"refund_reason" text,
	"failure_reason" text,
	CONSTRAINT "payments_amount_positive" CHECK ("payments"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "stripe_events" (
	"id" text PRIMARY KEY NOT NULL,
	"type" text NOT NULL,
	"created_at_stripe" timestamp with time zone NOT NULL,
	"payload" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"processed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "buyer_memberships" ADD CONSTRAINT "buyer_memberships_club_id_clubs_organisation_id_fk" FOREIGN KEY ("club_id") REFERENCES "public"."clubs"("organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buyer_memberships" ADD CONSTRAINT "buyer_memberships_buyer_org_id_organisations_id_fk" FOREIGN KEY ("buyer_org_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "buyer_memberships" ADD CONSTRAINT "buyer_memberships_granted_by_users_id_fk" FOREIGN KEY ("granted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_billing_settings" ADD CONSTRAINT "club_billing_settings_club_id_clubs_organisation_id_fk" FOREIGN KEY ("club_id") REFERENCES "public"."clubs"("organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_billing_settings" ADD CONSTRAINT "club_billing_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "club_event_prices" ADD CONSTRAINT "club_event_prices_club_id_clubs_organisation_id_fk" FOREIGN KEY ("club_id") REFERENCES "public"."clubs"("organisation_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_club_id_clubs_organisation_id_fk" FOREIGN KEY ("club_id") REFERENCES "public"."clubs"("organisation_id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_buyer_org_id_organisations_id_fk" FOREIGN KEY ("buyer_org_id") REFERENCES "public"."organisations"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payments" ADD CONSTRAINT "payments_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "buyer_memberships_club_org_idx" ON "buyer_memberships" USING btree ("club_id","buyer_org_id");--> statement-breakpoint
CREATE INDEX "buyer_memberships_org_idx" ON "buyer_memberships" USING btree ("buyer_org_id");--> statement-breakpoint
CREATE INDEX "buyer_memberships_subscription_idx" ON "buyer_memberships" USING btree ("stripe_subscription_id");--> statement-breakpoint
CREATE INDEX "club_event_prices_club_idx" ON "club_event_prices" USING btree ("club_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_checkout_session_idx" ON "payments" USING btree ("checkout_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "payments_invoice_idx" ON "payments" USING btree ("invoice_id");--> statement-breakpoint
CREATE INDEX "payments_club_created_idx" ON "payments" USING btree ("club_id","created_at");--> statement-breakpoint
CREATE INDEX "payments_buyer_org_idx" ON "payments" USING btree ("buyer_org_id");--> statement-breakpoint
CREATE INDEX "payments_registration_idx" ON "payments" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "payments_payment_intent_idx" ON "payments" USING btree ("payment_intent_id");--> statement-breakpoint
CREATE INDEX "stripe_events_type_idx" ON "stripe_events" USING btree ("type","created_at_stripe");