CREATE TABLE "sign_in_attempt" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"username" text NOT NULL,
	"client_address" text NOT NULL,
	"attempted_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
DROP TABLE "sign_in_failure" CASCADE;--> statement-breakpoint
CREATE INDEX "sign_in_attempt_username_idx" ON "sign_in_attempt" USING btree ("username","client_address","attempted_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempt_client_idx" ON "sign_in_attempt" USING btree ("client_address","attempted_at");--> statement-breakpoint
CREATE INDEX "sign_in_attempt_time_idx" ON "sign_in_attempt" USING btree ("attempted_at");