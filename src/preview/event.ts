/**
 * The webhook event Port makes of one synced record.
 *
 * ASSUMPTION (inferred from Port's S3 guides, not documented by Port, not verified against a
 * live Port organization): each record becomes one event whose `.body` holds the record's
 * fields at top level (Port unwraps Airbyte's `_airbyte_data`; Airbyte's own `_airbyte_*`
 * columns are not part of it) plus `_PORT_SOURCE_OBJECT_KEY`, the S3 object key the record
 * was read from (`data/<webhook key>/<stream>/year=YYYY/month=MM/DD_EPOCH_N.jsonl.gz`).
 * This is the only place the preview models that shape; README "Preview the mapping before
 * you deploy" says the same.
 */

/** The field Port adds to every record with the object key. */
export const OBJECT_KEY_FIELD = "_PORT_SOURCE_OBJECT_KEY";

/** Placeholder for the Airbyte namespace (= Port webhook key) until the webhook exists. */
export const DEFAULT_NAMESPACE = "WEBHOOK_KEY";

/**
 * The event's JSON text, built from the record's JSON text without re-serializing:
 * `{"body": {...record, "_PORT_SOURCE_OBJECT_KEY": key}}` (the key last, replacing a field of
 * the same name, as an object spread would).
 */
export function eventJson(recordJson: string, objectKey: string): string {
  const keyPart = `${JSON.stringify(OBJECT_KEY_FIELD)}:${JSON.stringify(objectKey)}`;
  const inner = recordJson.length <= 2 ? `{${keyPart}}` : `${recordJson.slice(0, -1)},${keyPart}}`;
  return `{"body":${inner}}`;
}

/** The same event as a JavaScript value. */
export function eventObject(record: Record<string, unknown>, objectKey: string): { body: Record<string, unknown> } {
  const body: Record<string, unknown> = { ...record };
  delete body[OBJECT_KEY_FIELD];
  body[OBJECT_KEY_FIELD] = objectKey;
  return { body };
}

/**
 * The object key Port sees for a file: `data/<namespace>/<stream>/year=YYYY/month=MM/<file>`.
 * `date` and `fileName` come from the file's own S3 layout when it has one.
 */
export function objectKey(namespace: string, stream: string, year: string, month: string, fileName: string): string {
  return `data/${namespace}/${stream}/year=${year}/month=${month}/${fileName}`;
}
