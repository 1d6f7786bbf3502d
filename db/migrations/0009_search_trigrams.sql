CREATE TABLE "search_vocabulary_trigrams" (
	"trigram" text NOT NULL,
	"word" text NOT NULL,
	CONSTRAINT "search_vocabulary_trigrams_trigram_word_pk" PRIMARY KEY("trigram","word")
);
--> statement-breakpoint
DROP INDEX "search_documents_text_trgm_idx";--> statement-breakpoint
DROP INDEX "search_vocabulary_word_trgm_idx";