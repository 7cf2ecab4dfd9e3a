import { Construct } from "constructs";
import { SourceOkta } from "../../.gen/providers/airbyte/source-okta";
import { DEFAULT_OKTA_START_DATE } from "../config/environment";

/** How the Okta source authenticates; every value is a sensitive Terraform reference (a variable or an AWS secret, per the environment's `secrets`). */
export type OktaCredentials =
  | { readonly kind: "api_token"; readonly apiToken: string }
  | { readonly kind: "oauth2"; readonly clientId: string; readonly clientSecret: string; readonly refreshToken: string };

export interface OktaSourceProps {
  /** Name of the source in Airbyte. */
  readonly name: string;
  /** Airbyte workspace that owns the source. */
  readonly workspaceId: string;
  /** Okta subdomain, e.g. "dev-12345678" for dev-12345678.okta.com. */
  readonly domain: string;
  /** API token (Okta's default) or OAuth 2.0 credentials. */
  readonly credentials: OktaCredentials;
  /**
   * Users updated before this date are not read for role assignments (RFC 3339, UTC).
   * @default "2000-01-01T00:00:00Z" (every user; the connector's own default is only 7 days back)
   */
  readonly startDate?: string;
}

/** Airbyte's Okta source, reading users, custom roles, permissions and role assignments. */
export class OktaSource extends Construct {
  /** The underlying `airbyte_source_okta` resource (an escape hatch). */
  readonly resource: SourceOkta;
  /** Airbyte's id of the source, known after apply. */
  readonly sourceId: string;

  constructor(scope: Construct, id: string, props: OktaSourceProps) {
    super(scope, id);
    for (const key of ["name", "workspaceId", "domain"] as const) {
      if (!props[key]) throw new Error(`${this.node.path}: props.${key} is required (got ${JSON.stringify(props[key])})`);
    }
    const c = props.credentials;
    this.resource = new SourceOkta(this, "source", {
      name: props.name,
      workspaceId: props.workspaceId,
      configuration: {
        domain: props.domain,
        startDate: props.startDate ?? DEFAULT_OKTA_START_DATE,
        credentials:
          c.kind === "api_token"
            ? { apiToken: { apiToken: c.apiToken } }
            : { oAuth20: { clientId: c.clientId, clientSecret: c.clientSecret, refreshToken: c.refreshToken } },
      },
    });
    this.sourceId = this.resource.sourceId;
  }
}
