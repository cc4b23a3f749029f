import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { MantineProvider } from "@mantine/core";
import { ModalsProvider } from "@mantine/modals";
import { Notifications as Toasts } from "@mantine/notifications";
import { QueryClientProvider } from "@tanstack/react-query";
import { createBrowserRouter, RouterProvider } from "react-router";
import { App, NotFound, RoutePage } from "./app/App.tsx";
import { LangProvider } from "./lib/i18n.tsx";
import { queryClient } from "./lib/query.ts";
import { setRouter } from "./lib/router.tsx";
import { SessionProvider } from "./lib/session.tsx";
import { theme } from "./lib/theme.ts";
import { ROUTES } from "./routes.tsx";
import "./lib/mantine.css";
import "./styles.css";

// every page of ROUTES under the app's frame (sign-in, layout), each loaded with its route
const router = createBrowserRouter([
  {
    Component: App,
    children: [...ROUTES.map((r) => ({ path: r.path, element: <RoutePage route={r} /> })), { path: "*", Component: NotFound }],
  },
]);
setRouter(router);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <LangProvider>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>
            <ModalsProvider>
              <Toasts position="top-right" limit={4} />
              <RouterProvider router={router} />
            </ModalsProvider>
          </SessionProvider>
        </QueryClientProvider>
      </LangProvider>
    </MantineProvider>
  </StrictMode>,
);
