import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App.tsx";
import { LangProvider } from "./lib/i18n.tsx";
import { RouterProvider } from "./lib/router.tsx";
import { SessionProvider } from "./lib/session.tsx";
import "./styles.css";

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <LangProvider>
      <RouterProvider>
        <SessionProvider>
          <App />
        </SessionProvider>
      </RouterProvider>
    </LangProvider>
  </StrictMode>,
);
