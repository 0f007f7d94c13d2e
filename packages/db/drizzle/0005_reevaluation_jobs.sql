CREATE TABLE "reevaluation_job" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"set_row_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"report_ids" jsonb NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "reevaluation_job" ADD CONSTRAINT "reevaluation_job_set_row_id_criteria_set_id_fk" FOREIGN KEY ("set_row_id") REFERENCES "public"."criteria_set"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reevaluation_job_status_idx" ON "reevaluation_job" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "reevaluation_job_set_row_idx" ON "reevaluation_job" USING btree ("set_row_id","created_at");