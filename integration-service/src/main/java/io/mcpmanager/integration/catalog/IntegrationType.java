package io.mcpmanager.integration.catalog;

import static io.mcpmanager.integration.catalog.MetaField.Format.EMAIL;
import static io.mcpmanager.integration.catalog.MetaField.Format.HTTPS_URL;
import static io.mcpmanager.integration.catalog.MetaField.Format.SLUG;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The catalogue of integration types. Adding a type = one constant here plus one {@code
 * ProviderValidator} class (and its base URL default in application.yml).
 */
public enum IntegrationType {
  NOTION(
      "Notion",
      "Pages and databases of a Notion workspace",
      "notion",
      "Create an internal integration at https://www.notion.so/profile/integrations, copy its"
          + " Internal Integration Secret and share the pages it may read with it.",
      Set.of(AuthMethod.API_TOKEN),
      List.of()),
  GMAIL(
      "Gmail",
      "Read and send mail of a Google account",
      "mail",
      "Connect with Google: you are sent to Google to grant access; no token is pasted.",
      Set.of(AuthMethod.OAUTH),
      List.of()),
  CALENDAR(
      "Google Calendar",
      "Events of a Google Calendar account",
      "calendar",
      "Connect with Google: you are sent to Google to grant access; no token is pasted.",
      Set.of(AuthMethod.OAUTH),
      List.of()),
  OPENAI(
      "OpenAI",
      "OpenAI models and APIs",
      "openai",
      "Create a secret key at https://platform.openai.com/api-keys.",
      Set.of(AuthMethod.API_TOKEN),
      List.of()),
  TODOIST(
      "Todoist",
      "Tasks and projects in Todoist",
      "todoist",
      "Copy the API token from Todoist: Settings > Integrations > Developer.",
      Set.of(AuthMethod.API_TOKEN),
      List.of()),
  JIRA(
      "Jira",
      "Issues of an Atlassian Jira Cloud site",
      "jira",
      "Create an API token at https://id.atlassian.com/manage-profile/security/api-tokens; give"
          + " your site URL and the e-mail address of the Atlassian account.",
      Set.of(AuthMethod.API_TOKEN),
      List.of(
          MetaField.required(
              "site_url", HTTPS_URL, "Your Jira site, e.g. https://acme.atlassian.net"),
          MetaField.required(
              "email", EMAIL, "E-mail address of the Atlassian account that owns the token"))),
  SENTRY(
      "Sentry",
      "Issues and events of a Sentry organisation",
      "sentry",
      "Create an auth token with org:read in Sentry: Settings > Auth Tokens (or an internal"
          + " integration's token); give the organisation slug.",
      Set.of(AuthMethod.API_TOKEN),
      List.of(
          MetaField.required("organization", SLUG, "Organisation slug as in the Sentry URL"),
          MetaField.optional(
              "base_url", HTTPS_URL, "Self-hosted Sentry only, e.g. https://sentry.example.com")));

  private final String displayName;
  private final String description;
  private final String icon;
  private final String howToObtain;
  private final Set<AuthMethod> authMethods;
  private final List<MetaField> metaFields;

  IntegrationType(
      String displayName,
      String description,
      String icon,
      String howToObtain,
      Set<AuthMethod> authMethods,
      List<MetaField> metaFields) {
    this.displayName = displayName;
    this.description = description;
    this.icon = icon;
    this.howToObtain = howToObtain;
    this.authMethods = authMethods;
    this.metaFields = metaFields;
  }

  /** The wire and database value, e.g. {@code notion}. */
  public String value() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<IntegrationType> fromValue(String value) {
    return Arrays.stream(values()).filter(t -> t.value().equals(value)).findFirst();
  }

  public String displayName() {
    return displayName;
  }

  public String description() {
    return description;
  }

  public String icon() {
    return icon;
  }

  public String howToObtain() {
    return howToObtain;
  }

  public Set<AuthMethod> authMethods() {
    return authMethods;
  }

  public boolean supports(AuthMethod method) {
    return authMethods.contains(method);
  }

  public List<MetaField> metaFields() {
    return metaFields;
  }
}
