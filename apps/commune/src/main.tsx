import "@datchuan/ui/styles.css";
import { ApiProvider, initI18n, SessionProvider } from "@datchuan/ui";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { App } from "./app";
import { messages } from "./messages";

initI18n("commune", messages);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <ApiProvider>
      <BrowserRouter basename="/commune">
        <SessionProvider>
          <App />
        </SessionProvider>
      </BrowserRouter>
    </ApiProvider>
  </StrictMode>,
);
