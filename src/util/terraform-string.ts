/**
 * Escapes a literal for Terraform's template syntax. Terraform reads `${...}` and `%{...}`
 * as interpolation in `.tf.json` string values too, and cdktf does not escape them, so a
 * literal `${NAMESPACE}` must be written `$${NAMESPACE}` for Terraform to send `${NAMESPACE}`.
 */
export function escapeTerraformTemplate(literal: string): string {
  // Function replacements: in a replacement string, "$$" would itself mean one "$".
  return literal.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}

/** The inverse of escapeTerraformTemplate: the string Terraform sends for a JSON value. */
export function unescapeTerraformTemplate(value: string): string {
  return value.replace(/\$\$\{/g, () => "${").replace(/%%\{/g, () => "%{");
}
