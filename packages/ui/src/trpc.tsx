import type { AppRouter } from "@datchuan/api";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { type ReactNode, useState } from "react";
import { isRefusal } from "./api-error";

const trpcContext = createTRPCContext<AppRouter>();

/** Typed query and mutation options for every procedure: `useQuery(useTRPC().unit.tree.queryOptions())`. */
export const useTRPC = trpcContext.useTRPC;

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Commune clerks are often on slow links: keep data a while, retry once, not three times;
        // never a refusal (signed out, forbidden, not found): asking again gets the same answer.
        staleTime: 60_000,
        retry: (failures, error) => failures < 1 && !isRefusal(error),
        refetchOnWindowFocus: false,
      },
    },
  });
}

/** Wraps an app with React Query and the tRPC client talking to the same origin's /trpc. */
export function ApiProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        // The server checks one password per request and takes at most 10 calls in a batch.
        splitLink({
          condition: (op) => op.path === "auth.signIn",
          true: httpLink({ url: "/trpc" }),
          false: httpBatchLink({ url: "/trpc", maxItems: 10 }),
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <trpcContext.TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </trpcContext.TRPCProvider>
    </QueryClientProvider>
  );
}
