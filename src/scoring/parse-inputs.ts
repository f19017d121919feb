import { FindOptions, FoundTable, findTable, HEADER_SCAN_ROWS } from "./find-table";
import { TableKind } from "./headers";
import { normalizeName } from "./normalize";
import { AzureParser, AzureTable, SharedRegistries } from "./parse-azure";
import { CertParser, CertTable } from "./parse-certs";
import { M365Parser, M365Table } from "./parse-m365";
import { CellsRowReader, KeptColumnRowReader, RowReader } from "./row-reader";
import { TenantRegistry, TextRegistry } from "./tenants";

/**
 * Reading the inputs: each table is found (its header row, kind and layout), its rows are read
 * into rules-independent data, and tenants, subscriptions and offers are numbered across tables.
 */

/** A table as rows of cells, with the name users know it by. */
export interface TableInput {
  cells: readonly (readonly unknown[])[];
  name: string;
  /** The row number of `cells[0]` in the input's own numbering (Excel's sheet row); default 1. */
  firstRow?: number;
  /** The table uses decimal commas (`1.250,50`); default decimal points. */
  decimalComma?: boolean;
  /** Its date numbers are serials of the 1904 date system (a workbook setting); default 1900. */
  date1904?: boolean;
}

/** The tables to score: by kind, or recognised by their columns. */
export interface Inputs {
  azure?: TableInput | TableInput[];
  m365?: TableInput | TableInput[];
  certifications?: TableInput | TableInput[];
  /** Azure or Microsoft 365 tables, each recognised by its columns (a custom function's ranges). */
  usage?: TableInput[];
  /** Tables of any kind, each recognised by its columns (a workbook's sheets and tables). */
  tables?: TableInput[];
}

/** Parsed tables of every kind, sharing one numbering of tenants, subscriptions and offers. */
export interface ParsedInputs extends SharedRegistries {
  azure: AzureTable[];
  m365: M365Table[];
  certifications: CertTable[];
}

/** A parser of one table's data rows. */
export interface TableParser {
  row(r: RowReader, rowNumber: number): void;
  finish(): AzureTable | M365Table | CertTable;
}

/** Fresh registries for one score. */
export function sharedRegistries(): SharedRegistries {
  return {
    tenants: new TenantRegistry(),
    subscriptions: new TextRegistry((t) => t.toLowerCase()),
    offers: new TextRegistry(normalizeName),
  };
}

/**
 * The parser for a found table.
 * @param headerRow the header's row number in the input's own numbering
 * @param capacityHint expected data rows
 */
export function parserFor(
  found: FoundTable,
  table: string,
  shared: SharedRegistries,
  headerRow: number,
  capacityHint: number
): TableParser {
  if (found.kind === "azure")
    return new AzureParser(
      table,
      found.layout,
      found.header,
      found.columns,
      shared,
      headerRow,
      capacityHint
    );
  if (found.kind === "m365")
    return new M365Parser(
      table,
      found.layout,
      found.header,
      found.columns,
      shared,
      headerRow,
      capacityHint
    );
  return new CertParser(table, found.layout, found.header, found.columns, headerRow);
}

/**
 * Reads one table of cells.
 * @throws InputError when no header row of the expected kind is found
 */
export function parseTable(
  input: TableInput,
  shared: SharedRegistries,
  options: FindOptions = {}
): AzureTable | M365Table | CertTable {
  const found = findTable(input.cells, input.name, options);
  const first = input.firstRow ?? 1;
  const parser = parserFor(
    found,
    input.name,
    shared,
    first + found.headerIndex,
    input.cells.length - found.headerIndex - 1
  );
  const cells = input.cells;
  const reader = new CellsRowReader(
    input.decimalComma ? "comma" : "point",
    cells,
    input.date1904 === true
  );
  for (let r = found.headerIndex + 1; r < cells.length; r++) {
    reader.setRow(cells[r] ?? [], r);
    parser.row(reader, first + r);
  }
  return parser.finish();
}

/** A table fed in blocks: what {@link TableInput} says of it, and how many rows it has. */
export interface FedTable extends Omit<TableInput, "cells"> {
  /** Rows the table has, header and any rows above it included (sizes the columns). */
  rowCount: number;
}

/**
 * Parses a table handed over in blocks of rows, as the task pane reads a sheet: the header is found
 * in the top rows as {@link parseTable} finds it, and each block is parsed and let go, so a
 * million-row table never exists as one array of rows (in Excel's browser runtime, hundreds of
 * megabytes). Gives the table {@link parseTable} gives for the same rows.
 */
export class TableFeed {
  private parser: TableParser | null = null;
  /** Rows held until the header can be looked for (the top {@link HEADER_SCAN_ROWS}). */
  private top: (readonly unknown[])[] = [];
  /** Index in the table of the next row fed. */
  private index = 0;
  private reader: KeptColumnRowReader | null = null;
  private readonly first: number;

  /**
   * @param options the kind expected, as {@link parseTable} takes it
   */
  constructor(
    private readonly table: FedTable,
    private readonly shared: SharedRegistries,
    private readonly options: FindOptions = {}
  ) {
    this.first = table.firstRow ?? 1;
  }

  /**
   * Parses the next block of rows.
   * @throws InputError when the top rows hold no header row of the expected kind
   */
  push(rows: readonly (readonly unknown[])[]): void {
    if (this.parser) {
      this.feed(this.parser, rows);
      return;
    }
    for (const row of rows) this.top.push(row);
    if (this.top.length >= HEADER_SCAN_ROWS) this.start();
  }

  /**
   * The parsed table, once every block is in.
   * @throws InputError when the table holds no header row of the expected kind
   */
  finish(): AzureTable | M365Table | CertTable {
    return (this.parser ?? this.start()).finish();
  }

  /** Finds the header in the rows held, then parses the rows under it. */
  private start(): TableParser {
    const top = this.top;
    this.top = [];
    const found = findTable(top, this.table.name, this.options);
    const parser = parserFor(
      found,
      this.table.name,
      this.shared,
      this.first + found.headerIndex,
      this.table.rowCount - found.headerIndex - 1
    );
    this.parser = parser;
    // Rows are let go; only the cells a parser reads later (the subscription) are kept.
    this.reader = new KeptColumnRowReader(
      this.table.decimalComma ? "comma" : "point",
      this.table.date1904 === true,
      found.kind === "azure" ? found.columns.subscription : -1
    );
    this.index = found.headerIndex + 1;
    this.feed(parser, top.slice(found.headerIndex + 1));
    return parser;
  }

  private feed(parser: TableParser, rows: readonly (readonly unknown[])[]): void {
    const reader = this.reader as KeptColumnRowReader;
    for (const row of rows) {
      reader.setRow(row ?? [], this.index);
      parser.row(reader, this.first + this.index);
      this.index++;
    }
  }
}

const list = (t: TableInput | TableInput[] | undefined): TableInput[] =>
  t === undefined ? [] : Array.isArray(t) ? t : [t];

/** Adds a parsed table to the inputs of its kind. */
export function addParsed(parsed: ParsedInputs, table: AzureTable | M365Table | CertTable): void {
  if (table.kind === "azure") parsed.azure.push(table);
  else if (table.kind === "m365") parsed.m365.push(table);
  else parsed.certifications.push(table);
}

/**
 * Parses the input tables (rules-independent: every rules version scores the same parse).
 * @throws InputError for a table that cannot be read as its kind; never for cell values
 */
export function parseInputs(inputs: Inputs): ParsedInputs {
  const parsed: ParsedInputs = { ...sharedRegistries(), azure: [], m365: [], certifications: [] };
  const byKind: [TableKind | undefined, TableInput[], boolean][] = [
    ["azure", list(inputs.azure), false],
    ["m365", list(inputs.m365), false],
    [undefined, inputs.usage ?? [], true],
    ["certifications", list(inputs.certifications), false],
    [undefined, inputs.tables ?? [], false],
  ];
  for (const [expected, tables, usageOnly] of byKind) {
    for (const input of tables)
      addParsed(
        parsed,
        parseTable(input, parsed, { ...(expected ? { expected } : {}), usageOnly })
      );
  }
  return parsed;
}
