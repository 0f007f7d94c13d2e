-- Custom SQL migration: the version dashboards' cached results are checked against.
-- Every committed change to what a standing is read from (verdicts, reports, units, clusters,
-- published sets) bumps it once per transaction, at commit (a deferred trigger: the row lock is
-- held only while committing, so writers of different communes barely wait on each other). A
-- reader takes the version before reading the data, so a cached result is never older than
-- the version it is stored under, in this process or any other on the same database.
CREATE TABLE "standing_version" (
	"id" integer PRIMARY KEY CHECK ("id" = 1),
	"version" bigint NOT NULL
);
--> statement-breakpoint
INSERT INTO "standing_version" ("id", "version") VALUES (1, 0);
--> statement-breakpoint
CREATE FUNCTION "bump_standing_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	-- Once per transaction: the setting is local to it and gone when it ends.
	IF current_setting('datchuan.standing_bumped', true) = 'yes' THEN
		RETURN NULL;
	END IF;
	PERFORM set_config('datchuan.standing_bumped', 'yes', true);
	UPDATE "standing_version" SET "version" = "version" + 1 WHERE "id" = 1;
	RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "stored_verdict_bumps_standing" AFTER INSERT OR UPDATE OR DELETE ON "stored_verdict" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_standing_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "report_bumps_standing" AFTER INSERT OR UPDATE OR DELETE ON "report" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_standing_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "unit_bumps_standing" AFTER INSERT OR UPDATE OR DELETE ON "unit" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_standing_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "unit_cluster_bumps_standing" AFTER INSERT OR UPDATE OR DELETE ON "unit_cluster" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_standing_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "unit_cluster_member_bumps_standing" AFTER INSERT OR UPDATE OR DELETE ON "unit_cluster_member" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_standing_version"();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "criteria_set_bumps_standing" AFTER INSERT OR UPDATE OR DELETE ON "criteria_set" DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_standing_version"();
