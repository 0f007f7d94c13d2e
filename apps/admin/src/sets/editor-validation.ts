import "./zod-vi";
import { type CriteriaSetInput, criteriaSetSchema } from "@datchuan/domain";
import { zodResolver } from "@hookform/resolvers/zod";
import { type FieldErrors, get, type Resolver, set } from "react-hook-form";
import { referenceIssues } from "./references";

type Form = CriteriaSetInput;

/**
 * The editor's check before saving: the domain's schema, then what the compiler would refuse
 * about derived sources and criterion rules (each message at the field that shows it).
 */
export function setResolver(
  t: (key: string, values?: Record<string, unknown>) => string,
  parentCodes: ReadonlySet<string>,
): Resolver<Form> {
  // biome-ignore lint/suspicious/noExplicitAny: the schema's input and output differ by defaults
  const schema = zodResolver(criteriaSetSchema as any) as unknown as Resolver<Form>;
  return async (values, context, options) => {
    const result = await schema(values, context, options);
    const issues = referenceIssues(values, parentCodes);
    if (issues.length === 0) return result;
    const errors = { ...result.errors } as FieldErrors<Form>;
    for (const issue of issues) {
      const message = t(`derived.errors.${issue.key}`, issue.values);
      const at = `${issue.path}.root`;
      // Several problems of one field read as one message.
      const before = get(errors, at) as { message?: string } | undefined;
      set(errors, at, {
        type: "reference",
        message: before?.message ? `${before.message} ${message}` : message,
      });
    }
    return { values: {}, errors };
  };
}

const SHOWN = [
  /^(title|effective\.from|effective\.to|legalBasis\.0\.source)$/u,
  /^criteria\.\d+\.(name|department|rule)/u,
  /^criteria\.\d+\.indicators\.\d+\.(code|name|unitOfMeasure|department|source|provenance\.source)/u,
  /^criteria\.\d+\.indicators\.\d+\.thresholds\.\d+\.(value|when|years\.from|years\.to|provenance\.(source|article|url))/u,
];

/**
 * The field of the editor that shows a server message at `path`: the path itself, or the
 * nearest field above it ("criteria.0.rule.of.2" → "criteria.0.rule"); null for none.
 */
export function editorFieldFor(path: string): string | null {
  for (const pattern of SHOWN) {
    const match = pattern.exec(path);
    if (match) return match[0];
  }
  return null;
}
