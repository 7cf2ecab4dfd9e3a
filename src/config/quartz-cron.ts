/**
 * Quartz cron syntax, as Airbyte's `schedule.cron_expression` takes it:
 * `sec min hour day-of-month month day-of-week [year]`, with exactly one of
 * day-of-month and day-of-week set to `?`. Checked here so a typo fails at synth, not
 * at `terraform apply` against Airbyte's API.
 */
const MONTHS = "JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC";
const DAYS = "SUN|MON|TUE|WED|THU|FRI|SAT";

function fieldPattern(value: string, extra = ""): RegExp {
  const item = `(?:\\*|${value})(?:-(?:${value}))?(?:/\\d+)?`;
  return new RegExp(`^(?:${item}${extra})(?:,(?:${item}${extra}))*$`);
}

const NUM = (min: number, max: number) => `(?:${Array.from({ length: max - min + 1 }, (_, i) => min + i).join("|")})`;

const FIELDS: Array<{ name: string; test: (s: string) => boolean }> = [
  { name: "seconds", test: (s) => fieldPattern(NUM(0, 59)).test(s) },
  { name: "minutes", test: (s) => fieldPattern(NUM(0, 59)).test(s) },
  { name: "hours", test: (s) => fieldPattern(NUM(0, 23)).test(s) },
  { name: "day-of-month", test: (s) => s === "?" || s === "L" || s === "LW" || /^(?:[1-9]|[12]\d|3[01])W$/.test(s) || fieldPattern(NUM(1, 31)).test(s) },
  { name: "month", test: (s) => fieldPattern(`${NUM(1, 12)}|${MONTHS}`).test(s.toUpperCase()) },
  {
    name: "day-of-week",
    test: (s) => s === "?" || /^[1-7]L$/.test(s) || /^[1-7]#[1-5]$/.test(s) || fieldPattern(`${NUM(1, 7)}|${DAYS}`).test(s.toUpperCase()),
  },
  { name: "year", test: (s) => fieldPattern(`(?:19[7-9]\\d|20\\d\\d)`).test(s) },
];

/** Returns why `expr` is not a Quartz cron expression, or undefined when it is one. */
export function quartzCronProblem(expr: string): string | undefined {
  const parts = expr.trim().split(/\s+/);
  if (parts.length < 6 || parts.length > 7) return `expected 6 or 7 fields (sec min hour day-of-month month day-of-week [year]), got ${parts.length}`;
  for (let i = 0; i < parts.length; i++) {
    if (!FIELDS[i].test(parts[i])) return `field ${FIELDS[i].name} "${parts[i]}" is not valid`;
  }
  const [dom, dow] = [parts[3], parts[5]];
  if ((dom === "?") === (dow === "?")) return "exactly one of day-of-month and day-of-week must be \"?\"";
  return undefined;
}
