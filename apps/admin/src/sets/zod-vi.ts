import { z } from "zod";

// Validation messages the domain schema leaves to zod (a too-short text, a wrong type) come out
// in Vietnamese, next to the field, like the schema's own messages.
z.config(z.locales.vi());
