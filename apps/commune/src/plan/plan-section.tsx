import type { RouterOutputs } from "@datchuan/api";
import { formatDate } from "@datchuan/domain";
import {
  apiErrorCode,
  ErrorSummary,
  type FormProblem,
  readApiProblem,
  useTRPC,
} from "@datchuan/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";

type Task = RouterOutputs["planning"]["tasks"][number];
type Status = Task["status"];
const STATUSES: readonly Status[] = ["todo", "doing", "done"];

interface TaskForm {
  criterionNumber: string;
  title: string;
  owner: string;
  deadline: string;
  status: Status;
  note: string;
}

/** A commune's plan to meet the criteria: tasks per criterion with owner, deadline and status. */
export function PlanSection({
  unitCode,
  setId,
  criteria,
  editable,
}: {
  unitCode: string;
  setId: string;
  criteria: Array<{ number: number; name: string }>;
  editable: boolean;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tasks = useQuery(trpc.planning.tasks.queryOptions({ unitCode, setId }));
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const refresh = () =>
    queryClient.invalidateQueries(trpc.planning.tasks.queryFilter({ unitCode, setId }));
  const save = useMutation(trpc.planning.saveTask.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.planning.deleteTask.mutationOptions({ onSettled: refresh }));
  const criterionName = new Map(criteria.map((c) => [c.number, c.name]));

  function explain(error: unknown) {
    setMessage(
      apiErrorCode(error) === "CONFLICT"
        ? t("workplace.plan.conflict")
        : (readApiProblem(error).message ?? t("common:form.noServer")),
    );
  }

  function changeStatus(task: Task, status: Status) {
    setMessage(null);
    save.mutate(
      {
        unitCode,
        setId,
        id: task.id,
        expectedRowVersion: task.rowVersion,
        criterionNumber: task.criterionNumber,
        title: task.title,
        owner: task.owner,
        deadline: task.deadline,
        status,
        note: task.note,
      },
      { onSuccess: () => setMessage(t("workplace.plan.saved")), onError: explain },
    );
  }

  return (
    <section aria-labelledby="plan-heading">
      <h2 id="plan-heading">{t("workplace.plan.heading")}</h2>
      <p className="muted">{t("workplace.plan.intro")}</p>
      {!editable ? <p className="muted">{t("workplace.plan.readOnly")}</p> : null}
      <p role="status">{message}</p>
      {tasks.data && tasks.data.length === 0 ? <p>{t("workplace.plan.none")}</p> : null}
      <ul className="list-plain" aria-label={t("workplace.plan.heading")}>
        {tasks.data?.map((task) =>
          editing === task.id ? (
            <li key={task.id}>
              <TaskEditor
                criteria={criteria}
                task={task}
                onCancel={() => setEditing(null)}
                onSave={async (fields) => {
                  setMessage(null);
                  await save.mutateAsync({
                    ...fields,
                    unitCode,
                    setId,
                    id: task.id,
                    expectedRowVersion: task.rowVersion,
                  });
                  setEditing(null);
                  setMessage(t("workplace.plan.saved"));
                }}
                onError={explain}
              />
            </li>
          ) : (
            <li key={task.id} className="plan-task" data-testid="plan-task">
              <div className="plan-task-main">
                <strong>{task.title}</strong>
                <br />
                <span className="muted">
                  {t("workplace.missing.criterion", { number: task.criterionNumber })}
                  {criterionName.has(task.criterionNumber)
                    ? ` (${criterionName.get(task.criterionNumber)})`
                    : ""}
                  {" · "}
                  {task.owner}
                  {" · "}
                  {task.deadline
                    ? t("workplace.plan.due", { date: formatDate(task.deadline) })
                    : t("workplace.plan.noDeadline")}
                </span>
                {task.note ? <p className="muted">{task.note}</p> : null}
              </div>
              <div className="plan-task-tools">
                {editable ? (
                  <>
                    <select
                      aria-label={t("workplace.plan.statusLabel", { title: task.title })}
                      value={task.status}
                      disabled={save.isPending}
                      onChange={(event) => changeStatus(task, event.target.value as Status)}
                    >
                      {STATUSES.map((s) => (
                        <option key={s} value={s}>
                          {t(`workplace.plan.statuses.${s}`)}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t("workplace.plan.editLabel", { title: task.title })}
                      onClick={() => setEditing(task.id)}
                    >
                      {t("workplace.plan.edit")}
                    </button>
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t("workplace.plan.removeLabel", { title: task.title })}
                      disabled={remove.isPending}
                      onClick={() =>
                        remove.mutate(
                          { id: task.id, expectedRowVersion: task.rowVersion },
                          { onError: explain },
                        )
                      }
                    >
                      {t("workplace.plan.remove")}
                    </button>
                  </>
                ) : (
                  <span>{t(`workplace.plan.statuses.${task.status}`)}</span>
                )}
              </div>
            </li>
          ),
        )}
      </ul>
      {editable ? (
        editing === "new" ? (
          <div className="card">
            <h3>{t("workplace.plan.addHeading")}</h3>
            <TaskEditor
              criteria={criteria}
              onCancel={() => setEditing(null)}
              onSave={async (fields) => {
                setMessage(null);
                await save.mutateAsync({ ...fields, unitCode, setId });
                setEditing(null);
                setMessage(t("workplace.plan.saved"));
              }}
              onError={explain}
            />
          </div>
        ) : (
          <button type="button" onClick={() => setEditing("new")}>
            {t("workplace.plan.add")}
          </button>
        )
      ) : null}
    </section>
  );
}

type Fields = {
  criterionNumber: number;
  title: string;
  owner: string;
  deadline: string | null;
  status: Status;
  note: string | null;
};

function TaskEditor({
  criteria,
  task,
  onSave,
  onCancel,
  onError,
}: {
  criteria: Array<{ number: number; name: string }>;
  task?: Task;
  onSave: (fields: Fields) => Promise<void>;
  onCancel: () => void;
  onError: (error: unknown) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [serverErrors, setServerErrors] = useState<Record<string, string[] | undefined>>({});
  const form = useForm<TaskForm>({
    defaultValues: {
      criterionNumber: task ? String(task.criterionNumber) : "",
      title: task?.title ?? "",
      owner: task?.owner ?? "",
      deadline: task?.deadline ?? "",
      status: task?.status ?? "todo",
      note: task?.note ?? "",
    },
  });
  const { errors, isSubmitting } = form.formState;
  const fieldId = (name: string) => `${id}-${name}`;
  const problemOf = (name: keyof TaskForm) => errors[name]?.message ?? serverErrors[name]?.[0];
  const problems: FormProblem[] = (
    ["criterionNumber", "title", "owner", "deadline", "status", "note"] as const
  ).flatMap((name) => {
    const text = problemOf(name);
    return text ? [{ fieldId: fieldId(name), text }] : [];
  });

  const submit = form.handleSubmit(async (values) => {
    setServerErrors({});
    try {
      await onSave({
        criterionNumber: Number(values.criterionNumber),
        title: values.title,
        owner: values.owner,
        deadline: values.deadline || null,
        status: values.status,
        note: values.note.trim() || null,
      });
    } catch (error) {
      setServerErrors(readApiProblem(error).fieldErrors);
      onError(error);
    }
  });

  const field = (name: keyof TaskForm, label: string, control: ReactNode, hint?: string) => (
    <div className={problemOf(name) ? "field field-invalid" : "field"}>
      <label htmlFor={fieldId(name)}>{label}</label>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {problemOf(name) ? <p className="field-error">{problemOf(name)}</p> : null}
      {control}
    </div>
  );

  return (
    <form onSubmit={submit} noValidate>
      <ErrorSummary problems={problems} />
      <div className="plan-form">
        {field(
          "criterionNumber",
          t("workplace.plan.criterion"),
          <select
            id={fieldId("criterionNumber")}
            {...form.register("criterionNumber", { required: t("workplace.plan.chooseCriterion") })}
          >
            <option value="">{t("workplace.plan.chooseCriterion")}</option>
            {criteria.map((c) => (
              <option key={c.number} value={String(c.number)}>
                {c.number}. {c.name}
              </option>
            ))}
          </select>,
        )}
        {field(
          "title",
          t("workplace.plan.title"),
          <input
            id={fieldId("title")}
            type="text"
            {...form.register("title", {
              validate: (v) => v.trim().length > 0 || t("workplace.plan.titleRequired"),
            })}
          />,
        )}
        {field(
          "owner",
          t("workplace.plan.owner"),
          <input
            id={fieldId("owner")}
            type="text"
            autoComplete="name"
            {...form.register("owner", {
              validate: (v) => v.trim().length > 0 || t("workplace.plan.ownerRequired"),
            })}
          />,
          t("workplace.plan.ownerHint"),
        )}
        {field(
          "deadline",
          t("workplace.plan.deadline"),
          <input id={fieldId("deadline")} type="date" {...form.register("deadline")} />,
        )}
        {field(
          "status",
          t("workplace.plan.status"),
          <select id={fieldId("status")} {...form.register("status")}>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`workplace.plan.statuses.${s}`)}
              </option>
            ))}
          </select>,
        )}
        {field(
          "note",
          t("workplace.plan.note"),
          <textarea id={fieldId("note")} rows={2} {...form.register("note")} />,
        )}
      </div>
      <p className="plan-task-tools">
        <button type="submit" disabled={isSubmitting}>
          {isSubmitting ? t("workplace.plan.saving") : t("workplace.plan.save")}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          {t("workplace.plan.cancel")}
        </button>
      </p>
    </form>
  );
}
