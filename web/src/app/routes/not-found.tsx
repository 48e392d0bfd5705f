import { Link } from "react-router";
import { Page } from "../../components/page";

export function NotFoundRoute() {
  return (
    <Page title="Page not found">
      <p>
        There is nothing here. <Link to="/">Go to your tasks</Link>
      </p>
    </Page>
  );
}
