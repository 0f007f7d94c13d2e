-- Custom SQL migration: the standing version's bump also tells a listening session, when that
-- session asked for it (datchuan.notify_standing = 'on'). The embedded server asks: it is the
-- only process on its data folder, so with every commit announced it keeps the version in
-- memory instead of reading it on every dashboard request. PostgreSQL servers leave it off:
-- another process's commit reaches a listener late, and their readers must not be behind.
CREATE OR REPLACE FUNCTION "bump_standing_version"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	bumped bigint;
BEGIN
	-- Once per transaction: the setting is local to it and gone when it ends.
	IF current_setting('datchuan.standing_bumped', true) = 'yes' THEN
		RETURN NULL;
	END IF;
	PERFORM set_config('datchuan.standing_bumped', 'yes', true);
	UPDATE "standing_version" SET "version" = "version" + 1 WHERE "id" = 1 RETURNING "version" INTO bumped;
	-- Delivered at commit, and never for a transaction that rolls back.
	IF current_setting('datchuan.notify_standing', true) = 'on' THEN
		PERFORM pg_notify('datchuan_standing', cast(bumped AS text));
	END IF;
	RETURN NULL;
END
$$;
