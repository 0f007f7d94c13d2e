-- Sets: effective period and adaptation copied out of the definition, so the version that
-- judges a unit is chosen without parsing every definition.
ALTER TABLE "criteria_set" ADD COLUMN "effective_from" text;--> statement-breakpoint
ALTER TABLE "criteria_set" ADD COLUMN "effective_to" text;--> statement-breakpoint
ALTER TABLE "criteria_set" ADD COLUMN "adapts_set_id" text;--> statement-breakpoint
ALTER TABLE "criteria_set" ADD COLUMN "adapts_version" text;--> statement-breakpoint
UPDATE "criteria_set" SET
	"effective_from" = "definition"->'effective'->>'from',
	"effective_to" = "definition"->'effective'->>'to',
	"adapts_set_id" = "definition"->'adapts'->>'id',
	"adapts_version" = "definition"->'adapts'->>'version';--> statement-breakpoint
ALTER TABLE "criteria_set" ALTER COLUMN "effective_from" SET NOT NULL;--> statement-breakpoint
-- Verdicts: one row per set version a report was judged by; signed ones are kept.
ALTER TABLE "stored_verdict" DROP CONSTRAINT "stored_verdict_pkey";--> statement-breakpoint
ALTER TABLE "stored_verdict" ADD COLUMN "id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL;--> statement-breakpoint
ALTER TABLE "stored_verdict" ADD COLUMN "set_row_id" uuid;--> statement-breakpoint
ALTER TABLE "stored_verdict" ADD COLUMN "set_id" text;--> statement-breakpoint
ALTER TABLE "stored_verdict" ADD COLUMN "basis" text;--> statement-breakpoint
ALTER TABLE "stored_verdict" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
UPDATE "stored_verdict" AS v SET
	"set_id" = r."set_id",
	"signed_at" = CASE WHEN r."status" = 'accepted' THEN v."evaluated_at" END
FROM "report" AS r WHERE r."id" = v."report_id";--> statement-breakpoint
UPDATE "stored_verdict" AS v SET "set_row_id" = s."id"
FROM "criteria_set" AS s WHERE s."set_id" = v."set_id" AND s."version" = v."set_version";--> statement-breakpoint
UPDATE "stored_verdict" SET "basis" = coalesce("set_row_id"::text, '');--> statement-breakpoint
ALTER TABLE "stored_verdict" ALTER COLUMN "set_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "stored_verdict" ALTER COLUMN "basis" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "stored_verdict" ADD CONSTRAINT "stored_verdict_set_row_id_criteria_set_id_fk" FOREIGN KEY ("set_row_id") REFERENCES "public"."criteria_set"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "criteria_set_status_idx" ON "criteria_set" USING btree ("status","set_id");--> statement-breakpoint
CREATE INDEX "stored_verdict_report_idx" ON "stored_verdict" USING btree ("report_id","evaluated_at");
