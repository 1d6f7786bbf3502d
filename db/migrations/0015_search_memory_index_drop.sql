ALTER TABLE "search_facet_counts" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "search_facet_counts" CASCADE;--> statement-breakpoint
DROP INDEX "search_documents_categories_idx";--> statement-breakpoint
DROP INDEX "search_documents_labels_idx";--> statement-breakpoint
DROP INDEX "search_documents_qpv_idx";--> statement-breakpoint
DROP INDEX "search_documents_commune_idx";--> statement-breakpoint
DROP INDEX "search_documents_department_idx";--> statement-breakpoint
DROP INDEX "search_documents_epci_idx";--> statement-breakpoint
DROP INDEX "search_documents_verified_idx";--> statement-breakpoint
DROP INDEX "search_documents_relevance_idx";--> statement-breakpoint
DROP INDEX "search_documents_created_idx";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "pos";