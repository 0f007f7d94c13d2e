-- One value per unit, attribute and date. Where a date has several, the one written last (the
-- highest physical position, as far as the table can tell) stays; values are stored NFC.
DELETE FROM "unit_attribute" AS a USING "unit_attribute" AS b
WHERE a."unit_id" = b."unit_id" AND a."name" = b."name" AND a."effective_from" = b."effective_from"
	AND a.ctid < b.ctid;--> statement-breakpoint
UPDATE "unit_attribute" SET "value" = normalize("value", NFC) WHERE "value" <> normalize("value", NFC);--> statement-breakpoint
UPDATE "role_assignment" SET "department" = normalize("department", NFC)
WHERE "department" <> normalize("department", NFC);--> statement-breakpoint
UPDATE "department_assignment" SET "department" = normalize("department", NFC)
WHERE "department" <> normalize("department", NFC);--> statement-breakpoint
DROP INDEX "unit_attribute_unit_idx";--> statement-breakpoint
ALTER TABLE "unit_attribute" ADD CONSTRAINT "unit_attribute_unit_name_from_key" UNIQUE("unit_id","name","effective_from");
