import "../operations.css";
import type { RouterOutputs } from "@datchuan/api";
import { formatUnitName, matchesSearch, type Role, scopeUnitCode } from "@datchuan/domain";
import { QueryState, useSession, useTRPC } from "@datchuan/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ResetPasswordForm } from "./reset-password-form";
import { scopeOptions } from "./scope-options";
import { GRANTABLE_ROLES, UserForm, type UserFormValues } from "./user-form";

type ListRow = RouterOutputs["user"]["list"][number];

/** One account with the roles it holds (the list has a row per role). */
export interface UserEntry {
  id: string;
  username: string;
  displayName: string;
  active: boolean;
  version: number;
  roles: Array<Pick<ListRow, "role" | "scopePath" | "scopeName" | "scopeType" | "department">>;
}

function groupUsers(rows: readonly ListRow[]): UserEntry[] {
  const byId = new Map<string, UserEntry>();
  for (const row of rows) {
    let entry = byId.get(row.id);
    if (!entry) {
      entry = { ...row, roles: [] };
      byId.set(row.id, entry);
    }
    if (!entry.roles.some((r) => r.role === row.role && r.scopePath === row.scopePath))
      entry.roles.push(row);
  }
  return [...byId.values()];
}

type Panel =
  | { kind: "create" }
  | { kind: "edit"; user: UserEntry }
  | { kind: "reset"; user: UserEntry }
  | null;

/** /nguoi-dung — accounts inside the manager's subtree: list, create, edit, disable, reset. */
export default function UsersPage() {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { viewer } = useSession();
  const users = useQuery(trpc.user.list.queryOptions());
  const tree = useQuery(trpc.unit.tree.queryOptions());
  const [filter, setFilter] = useState("");
  const [panel, setPanel] = useState<Panel>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const roles = viewer?.roles ?? [];
  const systemAdmin = roles.some((r) => r.role === "system_admin");
  const grantable: Role[] = systemAdmin ? ["system_admin", ...GRANTABLE_ROLES] : GRANTABLE_ROLES;
  const scopes = tree.data ? scopeOptions(tree.data, roles) : [];
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.user.list.queryKey() });

  const create = useMutation(
    trpc.user.create.mutationOptions({
      onSuccess: async (user) => {
        setPanel(null);
        setNotice(t("users.created", { username: user.username }));
        await refresh();
      },
    }),
  );
  const update = useMutation(
    trpc.user.update.mutationOptions({
      onSuccess: async (user) => {
        setPanel(null);
        setNotice(t("users.saved", { username: user.username }));
        await refresh();
      },
    }),
  );
  const setDisabled = useMutation(
    trpc.user.setDisabled.mutationOptions({
      onSuccess: async (user) => {
        setNotice(
          t(user.active ? "users.enabledDone" : "users.disabledDone", { username: user.username }),
        );
        await refresh();
      },
    }),
  );

  const entries = groupUsers(users.data ?? []).filter(
    (u) => !filter || matchesSearch(u.displayName, filter) || matchesSearch(u.username, filter),
  );
  const toValues = (payload: UserFormValues) => ({
    displayName: payload.displayName,
    role: payload.role,
    scopeCode: payload.role === "system_admin" ? null : payload.scopeCode || null,
    department: payload.role === "reviewer" ? payload.department.trim() || null : null,
  });
  const blank: UserFormValues = {
    username: "",
    displayName: "",
    password: "",
    role: "commune_officer",
    scopeCode: "",
    department: "",
  };

  return (
    <>
      <h1>{t("users.heading")}</h1>
      <p className="muted">{t("users.intro")}</p>
      <div aria-live="polite">
        {notice ? (
          <p className="notice notice-success" role="status">
            {notice}
          </p>
        ) : null}
      </div>
      {setDisabled.error ? (
        <p className="notice notice-error" role="alert">
          {setDisabled.error.message}
        </p>
      ) : null}
      {panel?.kind === "create" ? (
        <UserForm
          mode="create"
          heading={t("users.createHeading")}
          initial={blank}
          scopes={scopes}
          roles={grantable}
          pending={create.isPending}
          error={create.error}
          onCancel={() => setPanel(null)}
          onSubmit={(payload) =>
            create.mutate({
              username: payload.username.trim(),
              password: payload.password,
              ...toValues(payload),
            })
          }
        />
      ) : panel?.kind === "edit" ? (
        <UserForm
          key={panel.user.id}
          mode="edit"
          heading={t("users.editHeading", { username: panel.user.username })}
          initial={{
            ...blank,
            username: panel.user.username,
            displayName: panel.user.displayName,
            role: panel.user.roles[0]?.role ?? "commune_officer",
            scopeCode: panel.user.roles[0]?.scopePath
              ? (scopeUnitCode(panel.user.roles[0].scopePath) ?? "")
              : "",
            department: panel.user.roles[0]?.department ?? "",
          }}
          scopes={scopes}
          roles={grantable}
          pending={update.isPending}
          error={update.error}
          onCancel={() => setPanel(null)}
          onSubmit={(payload) =>
            update.mutate({
              userId: panel.user.id,
              expectedVersion: panel.user.version,
              ...toValues(payload),
            })
          }
        />
      ) : panel?.kind === "reset" ? (
        <ResetPasswordForm
          user={panel.user}
          onDone={async (message) => {
            setPanel(null);
            setNotice(message);
            await refresh();
          }}
          onCancel={() => setPanel(null)}
        />
      ) : (
        <p>
          <button
            type="button"
            onClick={() => {
              create.reset();
              setNotice(null);
              setPanel({ kind: "create" });
            }}
          >
            {t("users.create")}
          </button>
        </p>
      )}
      <div className="field">
        <label htmlFor="user-filter">{t("users.filter")}</label>
        <input
          id="user-filter"
          type="search"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          autoComplete="off"
        />
      </div>
      <QueryState
        isPending={users.isPending}
        error={users.error}
        onRetry={() => void users.refetch()}
      />
      {users.data && entries.length === 0 ? <p>{t("users.noUsers")}</p> : null}
      {entries.length > 0 ? (
        <div className="table-scroll">
          <table aria-label={t("users.tableCaption")}>
            <thead>
              <tr>
                <th scope="col">{t("users.username")}</th>
                <th scope="col">{t("users.displayName")}</th>
                <th scope="col">{t("users.role")}</th>
                <th scope="col">{t("users.state")}</th>
                <th scope="col">{t("users.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((user) => (
                <tr key={user.id}>
                  <th scope="row">{user.username}</th>
                  <td>{user.displayName}</td>
                  <td>
                    {user.roles.map((r) => (
                      <div key={`${r.role}:${r.scopePath}`}>
                        {t(`users.roles.${r.role}`)}
                        {r.scopeName && r.scopeType
                          ? ` · ${formatUnitName({ name: r.scopeName, type: r.scopeType })}`
                          : ""}
                        {r.department ? ` · ${r.department}` : ""}
                      </div>
                    ))}
                  </td>
                  <td>{user.active ? t("users.active") : t("users.disabled")}</td>
                  <td>
                    {user.id === viewer?.id ? null : (
                      <div className="actions">
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={t("users.editLabel", { username: user.username })}
                          onClick={() => {
                            update.reset();
                            setPanel({ kind: "edit", user });
                          }}
                        >
                          {t("users.edit")}
                        </button>
                        <button
                          type="button"
                          className="button-secondary"
                          disabled={setDisabled.isPending}
                          aria-label={t(user.active ? "users.disableLabel" : "users.enableLabel", {
                            username: user.username,
                          })}
                          onClick={() =>
                            setDisabled.mutate({
                              userId: user.id,
                              disabled: user.active,
                              expectedVersion: user.version,
                            })
                          }
                        >
                          {user.active ? t("users.disable") : t("users.enable")}
                        </button>
                        <button
                          type="button"
                          className="button-secondary"
                          aria-label={t("users.resetLabel", { username: user.username })}
                          onClick={() => setPanel({ kind: "reset", user })}
                        >
                          {t("users.reset")}
                        </button>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </>
  );
}
