import type { RouterOutputs } from "@datchuan/api";
import { readApiProblem, useTRPC } from "@datchuan/ui";
import { useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";

export type Lifecycle = RouterOutputs["recognition"]["lifecycle"];
export type Internal = NonNullable<Lifecycle["internal"]>;

export interface SectionProps {
  unitCode: string;
  setId: string;
  data: Lifecycle;
}

/** Re-reads the lifecycle after a change (stage, counts and timeline move with it). */
export function useRefreshLifecycle(unitCode: string, setId: string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      queryKey: trpc.recognition.lifecycle.queryKey({ unitCode, setId }),
    });
}

/** The server's refusal, in its own words, where the form is. */
export function ServerError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problem = readApiProblem(error);
  const fields = Object.values(problem.fieldErrors ?? {}).flat();
  return (
    <p className="notice notice-error" role="alert">
      {[problem.message, ...fields].filter(Boolean).join(" ") || t("common:form.noServer")}
    </p>
  );
}
