import type { RouterOutputs } from "@datchuan/api";
import {
  hashKey,
  type QueryClient,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
} from "react";
import { useNavigate } from "react-router";
import { apiErrorCode } from "./api-error";
import { useTRPC } from "./trpc";

/** The signed-in person as `auth.me` returns them, with their roles. */
export type Viewer = NonNullable<RouterOutputs["auth"]["me"]>;

interface SessionState {
  /**
   * The person the open pages were built for. It stays while their session has expired, so the
   * pages stay mounted (and what was typed survives) under the sign-in dialog.
   */
  viewer: Viewer | null;
  /** The viewer's session ended without them signing out: they must sign in again. */
  expired: boolean;
  /** Whether the server has said who is signed in yet. */
  status: "pending" | "error" | "ready";
  meError: unknown;
  retry: () => void;
  /** Forgets the viewer and everything loaded for them, and goes to the app's start. */
  endSession: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

/**
 * Asks the server who is signed in and notices when that session ends: any call refused as
 * UNAUTHORIZED, or `auth.me` answering nobody when the tab comes back into view. Goes inside
 * the router, around everything that uses `useSession`.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Re-asked whenever the tab is shown again: a clerk back from lunch learns before typing more.
  const me = useQuery({ ...trpc.auth.me.queryOptions(), staleTime: 0, refetchOnWindowFocus: true });
  const [viewer, setViewer] = useState<Viewer | null>(null);
  if (me.data && me.data !== viewer) setViewer(me.data);

  const meKey = useMemo(() => trpc.auth.me.queryKey(), [trpc]);
  useEffect(() => watchForExpiry(queryClient, meKey), [queryClient, meKey]);

  const endSession = useCallback(() => {
    setViewer(null);
    queryClient.setQueryData(meKey, null);
    // Nothing loaded for one person may show to the next one at this desk.
    queryClient.removeQueries({ predicate: (query) => query.queryHash !== hashKey(meKey) });
    navigate("/", { replace: true });
  }, [queryClient, meKey, navigate]);

  const state: SessionState = {
    viewer,
    expired: viewer !== null && me.data === null,
    status: me.isPending ? "pending" : me.isError && !viewer ? "error" : "ready",
    meError: me.error,
    retry: () => void me.refetch(),
    endSession,
  };
  return <SessionContext.Provider value={state}>{children}</SessionContext.Provider>;
}

/** Marks the session ended when a call is refused as signed out while someone was signed in. */
function watchForExpiry(queryClient: QueryClient, meKey: readonly unknown[]): () => void {
  const expire = (error: unknown) => {
    if (apiErrorCode(error) !== "UNAUTHORIZED") return;
    // Only a session that existed can expire: a wrong password while signed out changes nothing.
    queryClient.setQueryData(meKey, (viewer: Viewer | null | undefined) =>
      viewer ? null : viewer,
    );
  };
  const stopQueries = queryClient.getQueryCache().subscribe((event) => {
    if (event.type === "updated" && event.action.type === "error") expire(event.action.error);
  });
  const stopMutations = queryClient.getMutationCache().subscribe((event) => {
    if (event.type === "updated" && event.action.type === "error") expire(event.action.error);
  });
  return () => {
    stopQueries();
    stopMutations();
  };
}

/**
 * The signed-in person and what they can do with their session. After signing in every loaded
 * query is fetched again (what failed while signed out now succeeds); signing out forgets them.
 */
export function useSession() {
  const state = useContext(SessionContext);
  if (!state) throw new Error("useSession() needs a <SessionProvider> above it.");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { endSession } = state;
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      // Pending until `auth.me` and the page's queries have answered for the new session.
      onSuccess: () => queryClient.invalidateQueries(),
    }),
  );
  const signOut = useMutation(trpc.auth.signOut.mutationOptions({ onSuccess: endSession }));
  const changePassword = useMutation(trpc.auth.changePassword.mutationOptions());
  return { ...state, signIn, signOut, changePassword };
}
