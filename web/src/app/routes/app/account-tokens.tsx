import { Page } from "../../../components/page";
import { ApiTokensList } from "../../../features/account/components/api-tokens-list";
import { CreateApiTokenForm } from "../../../features/account/components/create-api-token-form";
import { OwnSessionOnly, useViewer } from "./viewer";

export function AccountTokensRoute() {
  return (
    <OwnSessionOnly title="API tokens">
      <AccountTokens />
    </OwnSessionOnly>
  );
}

function AccountTokens() {
  const viewer = useViewer();
  return (
    <Page title="API tokens">
      <p className="muted">
        Tokens let scripts and other apps use Chorus as you, with <code>Authorization: Bearer &lt;token&gt;</code>. They cannot view tasks
        as other members. Revoke a token as soon as you no longer need it.
      </p>
      <div className="two-columns">
        <section className="card" aria-labelledby="tokens-heading">
          <h2 id="tokens-heading">Your tokens</h2>
          <ApiTokensList timeZone={viewer.self.timezone} />
        </section>
        <section className="card" aria-labelledby="new-token-heading">
          <h2 id="new-token-heading">New token</h2>
          <CreateApiTokenForm />
        </section>
      </div>
    </Page>
  );
}
