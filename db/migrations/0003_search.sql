CREATE TABLE "search_documents" (
	"id" uuid PRIMARY KEY NOT NULL,
	"doc" jsonb NOT NULL,
	"name" text NOT NULL,
	"description" text NOT NULL,
	"search_vector" "tsvector" NOT NULL,
	"search_text" text NOT NULL,
	"categories" text[] NOT NULL,
	"labels" text[] NOT NULL,
	"qpv_code" text,
	"qpv_status" text NOT NULL,
	"commune_insee" text,
	"department_code" text,
	"epci_siren" text,
	"lat" double precision,
	"lon" double precision,
	"completeness" real NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_facet_counts" (
	"facet" text NOT NULL,
	"value" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "search_facet_counts_facet_value_pk" PRIMARY KEY("facet","value")
);
--> statement-breakpoint
CREATE TABLE "search_facet_labels" (
	"facet" text NOT NULL,
	"value" text NOT NULL,
	"label" text NOT NULL,
	CONSTRAINT "search_facet_labels_facet_value_pk" PRIMARY KEY("facet","value")
);
--> statement-breakpoint
CREATE TABLE "search_vocabulary" (
	"word" text PRIMARY KEY NOT NULL,
	"lexeme" text NOT NULL
);
--> statement-breakpoint
CREATE INDEX "search_documents_vector_idx" ON "search_documents" USING gin ("search_vector");--> statement-breakpoint
CREATE INDEX "search_documents_text_trgm_idx" ON "search_documents" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_documents_categories_idx" ON "search_documents" USING gin ("categories");--> statement-breakpoint
CREATE INDEX "search_documents_labels_idx" ON "search_documents" USING gin ("labels");--> statement-breakpoint
CREATE INDEX "search_documents_qpv_idx" ON "search_documents" USING btree ("qpv_code");--> statement-breakpoint
CREATE INDEX "search_documents_commune_idx" ON "search_documents" USING btree ("commune_insee");--> statement-breakpoint
CREATE INDEX "search_documents_department_idx" ON "search_documents" USING btree ("department_code");--> statement-breakpoint
CREATE INDEX "search_documents_epci_idx" ON "search_documents" USING btree ("epci_siren");--> statement-breakpoint
CREATE INDEX "search_documents_verified_idx" ON "search_documents" USING btree ("qpv_status") WHERE "search_documents"."qpv_status" = 'verified';--> statement-breakpoint
CREATE INDEX "search_documents_relevance_idx" ON "search_documents" USING btree ("completeness" DESC NULLS LAST,"created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "search_documents_created_idx" ON "search_documents" USING btree ("created_at" DESC NULLS LAST,"id");--> statement-breakpoint
CREATE INDEX "search_vocabulary_word_trgm_idx" ON "search_vocabulary" USING gin ("word" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_vocabulary_lexeme_idx" ON "search_vocabulary" USING btree ("lexeme");