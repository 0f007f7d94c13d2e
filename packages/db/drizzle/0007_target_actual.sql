ALTER TABLE "target" ADD COLUMN "actual" numeric;--> statement-breakpoint
ALTER TABLE "target" ADD COLUMN "actual_source" text;