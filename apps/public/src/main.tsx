import "@datchuan/ui/styles.css";
import "./portal/portal.css";
import { initI18n } from "@datchuan/ui";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./app";
import { messages } from "./messages";

initI18n("public", messages);

// The portal reads plain, cacheable GETs under /data/v1 (no tRPC client in its bundle).
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 60_000, refetchOnWindowFocus: false } },
});

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <BrowserRouter basename="">
        <App />
      </BrowserRouter>
    </QueryClientProvider>
  </StrictMode>,
);
