CREATE TABLE "stored_verdict_outcome" (
	"verdict_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"criterion" integer NOT NULL,
	"indicator" text,
	"status" text NOT NULL,
	"fragile" boolean DEFAULT false NOT NULL,
	CONSTRAINT "stored_verdict_outcome_verdict_id_position_pk" PRIMARY KEY("verdict_id","position")
);
--> statement-breakpoint
ALTER TABLE "stored_verdict_outcome" ADD CONSTRAINT "stored_verdict_outcome_verdict_id_stored_verdict_id_fk" FOREIGN KEY ("verdict_id") REFERENCES "public"."stored_verdict"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
-- Verdicts stored before this table: their outlines from the explained verdict, in its order.
INSERT INTO "stored_verdict_outcome" ("verdict_id", "position", "criterion", "indicator", "status", "fragile")
SELECT "id", (row_number() OVER (PARTITION BY "id" ORDER BY "c_ord", "i_ord" NULLS FIRST) - 1)::int,
  "criterion", "indicator", "status", "fragile"
FROM (
  SELECT v."id", c.ord AS "c_ord", NULL::bigint AS "i_ord", (c.value->>'number')::int AS "criterion",
    NULL::text AS "indicator", c.value->>'status' AS "status",
    coalesce((c.value->>'fragile')::boolean, false) AS "fragile"
  FROM "stored_verdict" v CROSS JOIN LATERAL jsonb_array_elements(v."verdict"->'criteria') WITH ORDINALITY AS c(value, ord)
  UNION ALL
  SELECT v."id", c.ord, i.ord, (c.value->>'number')::int, i.value->>'code', i.value->>'status',
    coalesce((i.value->>'fragile')::boolean, false)
  FROM "stored_verdict" v CROSS JOIN LATERAL jsonb_array_elements(v."verdict"->'criteria') WITH ORDINALITY AS c(value, ord)
  CROSS JOIN LATERAL jsonb_array_elements(c.value->'indicators') WITH ORDINALITY AS i(value, ord)
) AS "outline";
