CREATE TABLE "search_payloads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"doc" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "search_payloads" ADD CONSTRAINT "search_payloads_id_search_documents_id_fk" FOREIGN KEY ("id") REFERENCES "public"."search_documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
INSERT INTO "search_payloads" ("id", "doc") SELECT "id", "doc" FROM "search_documents";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "doc";