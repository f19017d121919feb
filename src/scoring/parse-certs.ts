import { catalogueFor } from "./catalogue";
import { cellText, describeCell, isBlankText, parseDay } from "./cells";
import { InputError } from "./errors";
import {
  CERT_FIELDS,
  FIRST_NAME,
  HeaderRow,
  LAST_NAME,
  PERSON_ALIASES,
  resolveColumns,
} from "./headers";
import { emptyCounts, IssueLog, RowCounts } from "./issues";
import { Rules } from "./rules/types";
import { countNotEligible, isEmptyRow, TableShape } from "./table";

/** One certification row of one person. */
export interface CertRow {
  sheetRow: number;
  /** Trimmed, lower-cased person identity. */
  person: string;
  /** The person as first written. */
  personLabel: string;
  /** The certification text as written. */
  certification: string;
  /** Index into `rules.certifications`, or -1 for a certification that is not a Security one. */
  rule: number;
  /** Exam code found in the text, if any. */
  code: string | null;
  /** Day number earned, or `null` when not given (earned before any as-of month). */
  earned: number | null;
  /** Day number it expires, or `null` for no expiry. */
  expires: number | null;
}

/** A parsed certification table. */
export interface CertTable extends TableShape {
  kind: "certifications";
  rows: CertRow[];
}

/**
 * Parses a certification table (header row + rows). Throws only an {@link InputError} for a
 * missing required column; never throws on cells.
 */
export function parseCertTable(
  cells: readonly (readonly unknown[])[],
  table: string,
  rules: Rules
): CertTable {
  const header = new HeaderRow(cells[0] ?? []);
  const col = resolveColumns(header, CERT_FIELDS, table, "certifications");
  const cPerson = header.find(PERSON_ALIASES);
  const cFirst = cPerson < 0 ? header.find([FIRST_NAME]) : -1;
  const cLast = cPerson < 0 ? header.find([LAST_NAME]) : -1;
  if (cPerson < 0 && (cFirst < 0 || cLast < 0)) {
    throw new InputError(
      table,
      `the certifications table has no person column. Add a column with one of these headers: ${PERSON_ALIASES.join(", ")}; or both ${FIRST_NAME} and ${LAST_NAME}.`,
      "person"
    );
  }
  const cCert = col.certification ?? -1;
  const cEarned = col.earned ?? -1;
  const cExpires = col.expires ?? -1;
  const catalogue = catalogueFor(rules);
  const log = new IssueLog(table);
  const counts: RowCounts = emptyCounts();
  const rows: CertRow[] = [];
  const personLabels = new Map<string, string>();

  for (let r = 1; r < cells.length; r++) {
    const row = cells[r] ?? [];
    const sheetRow = r + 1;
    counts.dataRows++;
    if (isEmptyRow(row)) {
      counts.empty++;
      continue;
    }
    const problems: string[] = [];
    let personLabel = "";
    if (cPerson >= 0) {
      if (isBlankText(row[cPerson]))
        problems.push(`${header.label(cPerson)} is blank: enter who holds the certification`);
      else personLabel = cellText(row[cPerson]);
    } else {
      const first = isBlankText(row[cFirst]) ? "" : cellText(row[cFirst]);
      const last = isBlankText(row[cLast]) ? "" : cellText(row[cLast]);
      if (first === "" && last === "")
        problems.push(
          `${header.label(cFirst)} and ${header.label(cLast)} are blank: enter who holds the certification`
        );
      else personLabel = `${first} ${last}`.trim();
    }
    let certification = "";
    if (isBlankText(row[cCert]))
      problems.push(
        `${header.label(cCert)} is blank: enter the certification name or exam code (e.g. SC-200)`
      );
    else certification = cellText(row[cCert]);
    let earned: number | null = null;
    if (cEarned >= 0 && !isBlankText(row[cEarned])) {
      const day = parseDay(row[cEarned], false);
      if (isNaN(day))
        problems.push(
          `${header.label(cEarned)} ${describeCell(row[cEarned])} is not a date: use YYYY-MM-DD, M/D/YYYY or an Excel date`
        );
      else earned = day;
    }
    let expires: number | null = null;
    if (cExpires >= 0 && !isBlankText(row[cExpires])) {
      const day = parseDay(row[cExpires], true);
      if (isNaN(day))
        problems.push(
          `${header.label(cExpires)} ${describeCell(row[cExpires])} is not a date: use YYYY-MM-DD, M/D/YYYY or an Excel date, or leave it blank for no expiry`
        );
      else expires = day;
    }
    if (problems.length > 0) {
      counts.errors++;
      log.rowError(sheetRow, problems.join("; ") + ".");
      continue;
    }
    const person = personLabel.toLowerCase();
    if (!personLabels.has(person)) personLabels.set(person, personLabel);
    const match = catalogue.matchCertification(certification);
    const rule = match.rule === null ? -1 : rules.certifications.indexOf(match.rule);
    if (rule < 0) countNotEligible(counts, "certification");
    else counts.counted++;
    rows.push({
      sheetRow,
      person,
      personLabel: personLabels.get(person) ?? personLabel,
      certification,
      rule,
      code: match.code,
      earned,
      expires,
    });
  }
  return {
    kind: "certifications",
    table,
    rows,
    counts,
    issues: log.finish(),
    months: { min: Infinity, max: -Infinity },
    rowCount: counts.dataRows,
  };
}
