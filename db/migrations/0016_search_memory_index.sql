CREATE SEQUENCE "public"."search_revision_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "search_removals" (
	"revision" bigint NOT NULL,
	"docno" integer
);
--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "docno" integer NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "search_documents_docno_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "revision" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "search_removals_revision_idx" ON "search_removals" USING btree ("revision");--> statement-breakpoint
CREATE INDEX "search_documents_revision_idx" ON "search_documents" USING btree ("revision");--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_docno_unique" UNIQUE("docno");