import type { RouterOutputs } from "@datchuan/api";
import { formatUnitName, matchesSearch, type UnitNode, unitNameSchema } from "@datchuan/domain";
import {
  ErrorSummary,
  type FormProblem,
  QueryState,
  readApiProblem,
  TextField,
  useTRPC,
} from "@datchuan/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { z } from "zod";
import { firstErrors, indented, type PlacedUnit } from "./succession-units";

type Cluster = RouterOutputs["unit"]["clusters"][number];

/** The communes below a unit (a cluster's usual members), in tree order. */
function communesBelow(nodes: readonly UnitNode[]): UnitNode[] {
  return nodes.flatMap((n) => (n.level === "commune" ? [n] : communesBelow(n.children)));
}

/**
 * Clusters of a unit (a former district kept as a group, a programme area): list, create, edit
 * members, delete; each opens the review dashboard with the cluster as its scope.
 */
export function UnitClusters({ units }: { units: PlacedUnit[] }) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const owners = units.filter((u) => u.level === "province" || u.level === "district");
  const [ownerCode, setOwnerCode] = useState("");
  const owner = owners.find((u) => u.code === ownerCode) ?? owners[0];
  const clusters = useQuery({
    ...trpc.unit.clusters.queryOptions({ ownerCode: owner?.code ?? "X" }),
    enabled: Boolean(owner),
  });
  const [editing, setEditing] = useState<Cluster | "new" | null>(null);
  const [deleting, setDeleting] = useState<Cluster | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  if (!owner) return null;

  return (
    <section aria-labelledby="clusters-heading" className="card">
      <h2 id="clusters-heading">{t("units.clusters.heading")}</h2>
      <p className="muted">{t("units.clusters.intro")}</p>
      <div className="field">
        <label htmlFor="cluster-owner">{t("units.clusters.owner")}</label>
        <select
          id="cluster-owner"
          value={owner.code}
          onChange={(event) => {
            setOwnerCode(event.target.value);
            setEditing(null);
            setNotice(null);
          }}
        >
          {owners.map((u) => (
            <option key={u.code} value={u.code}>
              {indented(u)}
            </option>
          ))}
        </select>
      </div>
      <QueryState
        isPending={clusters.isPending}
        error={clusters.error}
        onRetry={() => void clusters.refetch()}
      />
      <div aria-live="polite">
        {notice ? (
          <p className="notice notice-success" role="status">
            {notice}
          </p>
        ) : null}
      </div>
      {clusters.data?.length === 0 ? <p>{t("units.clusters.none")}</p> : null}
      {clusters.data?.length ? (
        <div className="table-scroll">
          <table>
            <caption>{t("units.clusters.caption", { unit: owner.label })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("units.clusters.name")}</th>
                <th scope="col">{t("units.clusters.members")}</th>
                <th scope="col">{t("units.clusters.actions")}</th>
              </tr>
            </thead>
            <tbody>
              {clusters.data.map((cluster) => (
                <tr key={cluster.id}>
                  <th scope="row">{cluster.name}</th>
                  <td>
                    {t("units.clusters.memberCount", { count: cluster.members.length })}:{" "}
                    {cluster.members.map((m) => m.name).join(", ")}
                  </td>
                  <td className="actions">
                    <Link
                      to={`/?${new URLSearchParams({ "don-vi": owner.code, cum: cluster.id })}`}
                    >
                      {t("units.clusters.openDashboard", { name: cluster.name })}
                    </Link>{" "}
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t("units.clusters.editOf", { name: cluster.name })}
                      onClick={() => {
                        setEditing(cluster);
                        setNotice(null);
                      }}
                    >
                      {t("units.clusters.edit")}
                    </button>{" "}
                    <button
                      type="button"
                      className="button-secondary"
                      aria-label={t("units.clusters.deleteOf", { name: cluster.name })}
                      onClick={() => {
                        setDeleting(cluster);
                        setNotice(null);
                      }}
                    >
                      {t("units.clusters.delete")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {deleting ? (
        <ConfirmDelete
          cluster={deleting}
          ownerCode={owner.code}
          onDone={(message) => {
            setDeleting(null);
            if (message) setNotice(message);
          }}
        />
      ) : null}
      {editing === null ? (
        <button type="button" onClick={() => setEditing("new")}>
          {t("units.clusters.create")}
        </button>
      ) : (
        <ClusterForm
          key={editing === "new" ? "new" : editing.id}
          owner={owner}
          cluster={editing === "new" ? null : editing}
          onDone={(message) => {
            setEditing(null);
            if (message) setNotice(message);
          }}
        />
      )}
    </section>
  );
}

function ConfirmDelete({
  cluster,
  ownerCode,
  onDone,
}: {
  cluster: Cluster;
  ownerCode: string;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.unit.deleteCluster.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({
          queryKey: trpc.unit.clusters.queryKey({ ownerCode }),
        });
        onDone(t("units.clusters.deleted", { name: cluster.name }));
      },
    }),
  );
  return (
    <div
      className="notice"
      role="alertdialog"
      aria-label={t("units.clusters.deleteOf", { name: cluster.name })}
    >
      <p>{t("units.clusters.confirmDelete", { name: cluster.name })}</p>
      {remove.error ? (
        <p className="field-error">
          {readApiProblem(remove.error).message ?? t("common:form.noServer")}
        </p>
      ) : null}
      <button
        type="button"
        disabled={remove.isPending}
        onClick={() =>
          remove.mutate({ clusterId: cluster.id, expectedRowVersion: cluster.rowVersion })
        }
      >
        {t("units.clusters.confirmDeleteButton")}
      </button>{" "}
      <button type="button" className="button-secondary" onClick={() => onDone(null)}>
        {t("units.clusters.cancel")}
      </button>
    </div>
  );
}

function ClusterForm({
  owner,
  cluster,
  onDone,
}: {
  owner: PlacedUnit;
  cluster: Cluster | null;
  onDone: (message: string | null) => void;
}) {
  const { t } = useTranslation();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState(cluster?.name ?? "");
  const [members, setMembers] = useState<string[]>(cluster?.members.map((m) => m.code) ?? []);
  const [filter, setFilter] = useState("");
  const [local, setLocal] = useState<Record<string, string[] | undefined>>({});
  const refresh = () =>
    queryClient.invalidateQueries({
      queryKey: trpc.unit.clusters.queryKey({ ownerCode: owner.code }),
    });
  const create = useMutation(
    trpc.unit.createCluster.mutationOptions({
      onSuccess: async (_, input) => {
        await refresh();
        onDone(t("units.clusters.created", { name: input.name }));
      },
    }),
  );
  const update = useMutation(
    trpc.unit.updateCluster.mutationOptions({
      onSuccess: async (_, input) => {
        await refresh();
        onDone(t("units.clusters.updated", { name: input.name }));
      },
    }),
  );
  const failure = create.error ?? update.error;
  const server = failure ? readApiProblem(failure) : null;
  const errors = firstErrors(local, server?.fieldErrors);
  // A member outside the owner's subtree is a members problem, whatever the zod path said.
  if (server?.message && !errors.name && !errors.memberCodes && /Cụm chỉ gồm/u.test(server.message))
    errors.memberCodes = [server.message];
  const problems: FormProblem[] = [
    ...(errors.name ? [{ fieldId: "cluster-name", text: errors.name[0]! }] : []),
    ...(errors.memberCodes ? [{ fieldId: "cluster-members", text: errors.memberCodes[0]! }] : []),
  ];
  if (server && problems.length === 0)
    problems.push({ text: server.message ?? t("common:form.noServer") });
  const communes = communesBelow(owner.children);
  const shown = communes.filter((c) => !filter || matchesSearch(c.name, filter));

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = z
      .object({
        name: unitNameSchema,
        memberCodes: z.array(z.string()).min(1, t("units.clusters.errors.members")),
      })
      .safeParse({ name, memberCodes: members });
    setLocal(parsed.success ? {} : z.flattenError(parsed.error).fieldErrors);
    if (!parsed.success) return;
    if (cluster)
      update.mutate({
        clusterId: cluster.id,
        expectedRowVersion: cluster.rowVersion,
        name: parsed.data.name,
        memberCodes: members,
      });
    else create.mutate({ ownerCode: owner.code, name: parsed.data.name, memberCodes: members });
  }

  const heading = cluster
    ? t("units.clusters.editHeading", { name: cluster.name })
    : t("units.clusters.createHeading");
  return (
    <form noValidate aria-label={heading} onSubmit={submit} className="card">
      <h3>{heading}</h3>
      <ErrorSummary problems={problems} />
      <TextField
        id="cluster-name"
        label={t("units.clusters.name")}
        value={name}
        onChange={(value) => {
          setName(value);
          create.reset();
          update.reset();
        }}
        autoComplete="off"
        errors={errors.name}
      />
      <div className="field">
        <label htmlFor="cluster-filter">{t("units.merge.filter")}</label>
        <input
          id="cluster-filter"
          type="search"
          autoComplete="off"
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
        />
      </div>
      <fieldset
        id="cluster-members"
        tabIndex={-1}
        className={errors.memberCodes ? "field field-invalid" : "field"}
      >
        <legend>{t("units.clusters.chooseMembers", { count: members.length })}</legend>
        {errors.memberCodes ? <p className="field-error">{errors.memberCodes[0]}</p> : null}
        <div className="choice-list">
          {shown.map((commune) => (
            <label key={commune.code}>
              <input
                type="checkbox"
                checked={members.includes(commune.code)}
                onChange={(event) => {
                  setMembers((list) =>
                    event.target.checked
                      ? [...list, commune.code]
                      : list.filter((c) => c !== commune.code),
                  );
                  create.reset();
                  update.reset();
                }}
              />{" "}
              {formatUnitName(commune)}
            </label>
          ))}
        </div>
      </fieldset>
      <button type="submit" disabled={create.isPending || update.isPending}>
        {cluster ? t("units.clusters.save") : t("units.clusters.createSubmit")}
      </button>{" "}
      <button type="button" className="button-secondary" onClick={() => onDone(null)}>
        {t("units.clusters.cancel")}
      </button>
    </form>
  );
}
