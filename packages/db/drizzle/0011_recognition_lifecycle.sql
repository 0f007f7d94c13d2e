CREATE TABLE "appraisal" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"set_id" text NOT NULL,
	"department" text NOT NULL,
	"sent_on" text NOT NULL,
	"visited_on" text,
	"opinion" text,
	"agrees" boolean,
	"row_version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "appraisal_unit_set_department_key" UNIQUE("unit_id","set_id","department")
);
--> statement-breakpoint
CREATE TABLE "appraising_department" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"department" text NOT NULL,
	CONSTRAINT "appraising_department_owner_key" UNIQUE("owner_unit_id","department")
);
--> statement-breakpoint
CREATE TABLE "dossier_document" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dossier_item_id" uuid NOT NULL,
	"file_name" text NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dossier_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"set_id" text NOT NULL,
	"criterion_number" integer,
	"complete" boolean DEFAULT false NOT NULL,
	"note" text,
	"row_version" integer DEFAULT 1 NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "dossier_item_unit_set_criterion_key" UNIQUE NULLS NOT DISTINCT("unit_id","set_id","criterion_number")
);
--> statement-breakpoint
CREATE TABLE "recognition_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"unit_id" uuid NOT NULL,
	"set_id" text NOT NULL,
	"kind" text NOT NULL,
	"level" text,
	"number" text NOT NULL,
	"decided_on" text NOT NULL,
	"signer" text NOT NULL,
	"standing" jsonb,
	"override_reason" text,
	"reason" text,
	"illustrative" boolean DEFAULT false NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roadmap_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"registration_id" uuid NOT NULL,
	"year" integer NOT NULL,
	"quarter" integer NOT NULL,
	"criterion_numbers" jsonb NOT NULL,
	"note" text,
	"row_version" integer DEFAULT 1 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appraisal" ADD CONSTRAINT "appraisal_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraisal" ADD CONSTRAINT "appraisal_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appraising_department" ADD CONSTRAINT "appraising_department_owner_unit_id_unit_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."unit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_document" ADD CONSTRAINT "dossier_document_dossier_item_id_dossier_item_id_fk" FOREIGN KEY ("dossier_item_id") REFERENCES "public"."dossier_item"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_document" ADD CONSTRAINT "dossier_document_uploaded_by_app_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_item" ADD CONSTRAINT "dossier_item_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dossier_item" ADD CONSTRAINT "dossier_item_updated_by_app_user_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_decision" ADD CONSTRAINT "recognition_decision_unit_id_unit_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."unit"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recognition_decision" ADD CONSTRAINT "recognition_decision_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_item" ADD CONSTRAINT "roadmap_item_registration_id_registration_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."registration"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmap_item" ADD CONSTRAINT "roadmap_item_created_by_app_user_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."app_user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "dossier_document_item_idx" ON "dossier_document" USING btree ("dossier_item_id");--> statement-breakpoint
CREATE INDEX "recognition_decision_unit_set_idx" ON "recognition_decision" USING btree ("unit_id","set_id");--> statement-breakpoint
CREATE INDEX "roadmap_item_registration_idx" ON "roadmap_item" USING btree ("registration_id");--> statement-breakpoint
-- Recognition is read with standings (the dashboard's revocation zone and at-risk list): a decision moves the standing version (see 0006).
CREATE CONSTRAINT TRIGGER "recognition_decision_bumps_standing" AFTER INSERT OR UPDATE OR DELETE ON "recognition_decision" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_standing_version"();
