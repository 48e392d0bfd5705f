import type { ReactNode } from "react";
import { Route, Routes } from "react-router";
import { AppRoot } from "../app/routes/app/root";
import { renderWithApi, type RenderWithApiOptions } from "./fake-api";

/**
 * Route pages inside the real signed-in shell (header, account loading, the redirects
 * between /welcome and the circle's pages), for tests of whole pages.
 */
export function renderInSignedInShell(pages: ReactNode, options: RenderWithApiOptions & { path: string }) {
  return renderWithApi(
    <Routes>
      <Route path="/" element={<AppRoot />}>
        {pages}
      </Route>
    </Routes>,
    options,
  );
}
