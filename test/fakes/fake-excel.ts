/**
 * An in-memory fake of the Office.js Excel subset the add-in uses, faithful to documented
 * behaviour where it matters to us:
 * - operations are queued and run in order at `context.sync()`; a failing operation rejects the
 *   sync, keeps what ran before it and drops the rest (a batch is not a transaction);
 * - a property can be read only after `load()` and `sync()`; blank cells read as `""`;
 * - `getItem` of a missing item fails at sync (`ItemNotFound`); `getItemOrNullObject` gives an
 *   object whose `isNullObject` is true; adding a sheet whose name exists fails (`ItemAlreadyExists`);
 * - each request and each response is limited to 5 MB (`RequestPayloadSizeLimitExceeded`,
 *   `ResponsePayloadSizeLimitExceeded`), and a read to 5,000,000 cells;
 * - text written with a leading apostrophe is stored as text without it;
 * - formulas are computed when read (the subset of functions the scorecard uses, see formula.ts).
 * It counts syncs and records every read block so tests can check the adapter's discipline.
 */

import { evaluate, Value } from "./formula";

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
export const CELL_LIMIT = 5_000_000;

/** An Office.js-style error with a code. */
export class FakeOfficeError extends Error {
  constructor(
    readonly code: string,
    message: string
  ) {
    super(`${code}: ${message}`);
    this.name = "RichApi.Error";
  }
}

interface CellModel {
  value: unknown;
  formula?: string;
  numberFormat?: string;
  font?: Record<string, unknown>;
  wrap?: boolean;
  hyperlink?: { address?: string; documentReference?: string; textToDisplay?: string };
}

/** A conditional format as the writer set it. */
interface ConditionalFormatModel {
  address: string;
  type: string;
  formula?: string;
  font?: string;
  fill?: string;
}

/** Page layout as the writer set it. */
interface PageLayoutModel {
  orientation?: string;
  zoom?: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number };
  printTitleRows?: string;
  leftFooter?: string;
  centerFooter?: string;
  rightFooter?: string;
}

interface TableModel {
  name: string;
  sheet: SheetModel;
  row: number;
  col: number;
  rows: number;
  cols: number;
  style?: string;
  /** The table shows its total row (the last row of its range). */
  showTotals?: boolean;
}

interface ChartModel {
  type: string;
  seriesBy: string;
  source: string;
  title?: string;
  position?: [string, string];
  legend?: string;
  displayBlanksAs?: string;
  reversePlotOrder?: boolean;
  valueAxis: { minimum?: number; maximum?: number };
  /** Per series index: what the writer set. */
  series: Record<number, { fill?: string; line?: string; lineStyle?: string; marker?: string }>;
}

let nextSheetId = 1;

class SheetModel {
  readonly id = `{sheet-${nextSheetId++}}`;
  cells = new Map<string, CellModel>();
  charts: ChartModel[] = [];
  properties = new Map<string, string>();
  /** Sheet-scoped defined names (hidden ones too, as the command line writes its mark). */
  names = new Map<string, string>();
  columnWidths = new Map<number, number>();
  showGridlines = true;
  freezeRows = 0;
  conditionalFormats: ConditionalFormatModel[] = [];
  pageLayout: PageLayoutModel = {};
  autofitRows = 0;
  /** Excel.SheetVisibility: "Visible", "Hidden" or "VeryHidden". */
  visibility = "Visible";
  /** 0-based rows hidden by a filter or by hand. */
  hiddenRows = new Set<number>();
  constructor(public name: string) {}

  cell(r: number, c: number): CellModel {
    const key = `${r},${c}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: "" };
      this.cells.set(key, cell);
    }
    return cell;
  }

  /** A cell's value as Excel reads it: formulas computed, blanks as "". */
  valueAt(r: number, c: number, depth = 0): unknown {
    const cell = this.cells.get(`${r},${c}`);
    if (cell?.formula)
      return depth > 50
        ? "#REF!"
        : evaluate(cell.formula, (row, col) => this.valueAt(row, col, depth + 1) as Value);
    return cell === undefined || cell.value === null || cell.value === undefined ? "" : cell.value;
  }

  /** Bounding box of cells with a value or formula, or null. */
  used(): { row: number; col: number; rows: number; cols: number } | null {
    let r0 = Infinity;
    let c0 = Infinity;
    let r1 = -1;
    let c1 = -1;
    for (const [key, cell] of this.cells) {
      if ((cell.value === "" || cell.value === null) && !cell.formula) continue;
      const [r, c] = key.split(",").map(Number) as [number, number];
      r0 = Math.min(r0, r);
      c0 = Math.min(c0, c);
      r1 = Math.max(r1, r);
      c1 = Math.max(c1, c);
    }
    return r1 < 0 ? null : { row: r0, col: c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
  }
}

/** Column letters ↔ numbers and A1 addresses. */
export function parseAddress(address: string): {
  row: number;
  col: number;
  rows: number;
  cols: number;
} {
  const parts = address.replace(/\$/g, "").replace(/^.*!/, "").split(":");
  const one = (a: string): { r: number; c: number } => {
    const m = /^([A-Z]+)(\d+)$/i.exec(a);
    if (!m) throw new FakeOfficeError("InvalidArgument", `bad address ${address}`);
    const c =
      (m[1] ?? "A")
        .toUpperCase()
        .split("")
        .reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
    return { r: Number(m[2]) - 1, c };
  };
  const a = one(parts[0] ?? "A1");
  const b = one(parts[1] ?? parts[0] ?? "A1");
  return {
    row: Math.min(a.r, b.r),
    col: Math.min(a.c, b.c),
    rows: Math.abs(b.r - a.r) + 1,
    cols: Math.abs(b.c - a.c) + 1,
  };
}

export function toAddress(row: number, col: number, rows = 1, cols = 1): string {
  const letters = (c: number): string => {
    let n = c + 1;
    let s = "";
    while (n > 0) {
      s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
      n = Math.floor((n - 1) / 26);
    }
    return s;
  };
  const a = `${letters(col)}${row + 1}`;
  return rows === 1 && cols === 1 ? a : `${a}:${letters(col + cols - 1)}${row + rows}`;
}

/** A snapshot of the fake workbook, for assertions and for test-results/scorecard.json. */
export interface WorkbookSnapshot {
  sheets: {
    name: string;
    properties: Record<string, string>;
    values: unknown[][];
    formulas: Record<string, string>;
    numberFormats: Record<string, string>;
    charts: ChartModel[];
    fonts: Record<string, Record<string, unknown>>;
    wrapped: string[];
    hyperlinks: Record<string, NonNullable<CellModel["hyperlink"]>>;
    conditionalFormats: ConditionalFormatModel[];
    freezeRows: number;
    pageLayout: PageLayoutModel;
    autofitRows: number;
  }[];
  tables: {
    name: string;
    sheet: string;
    address: string;
    header: unknown[];
    rows: unknown[][];
    formulas: Record<string, string>;
  }[];
}

/** The workbook and its bookkeeping. */
export class FakeWorkbook {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  active: SheetModel | null = null;
  /** Number of `context.sync()` calls. */
  syncs = 0;
  /** Size in bytes of each request and response. */
  requestBytes: number[] = [];
  responseBytes: number[] = [];
  /** Every `values` read: rows and columns. */
  reads: { rows: number; cols: number }[] = [];
  /** Fails an operation when it returns true (failure injection). */
  failWhen: ((operation: string) => boolean) | null = null;
  /**
   * The workbook's date system (`Workbook.use1904DateSystem`); "unsupported" plays an Excel too
   * old to know the property: loading it fails that request.
   */
  date1904: boolean | "unsupported" = false;
  /** The workbook's structure is protected (Review › Protect Workbook): no sheet added or deleted. */
  structureProtected = false;

  /** Adds a sheet holding `rows` from A1 (test set-up, outside any batch). */
  addSheet(name: string, rows: unknown[][] = []): SheetModel {
    const sheet = new SheetModel(name);
    rows.forEach((row, r) =>
      row.forEach(
        (v, c) => v !== "" && v !== null && v !== undefined && (sheet.cell(r, c).value = v)
      )
    );
    this.sheets.push(sheet);
    this.active ??= sheet;
    return sheet;
  }

  /** Adds an Excel table over `address` of a sheet (test set-up). */
  addTable(sheetName: string, name: string, address: string, showTotals = false): void {
    const sheet = this.sheet(sheetName);
    if (!sheet) throw new Error(`no sheet ${sheetName}`);
    this.tables.push({ name, sheet, ...parseAddress(address), showTotals });
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  /** A new request context, as `Excel.run` gives. */
  context(): FakeRequestContext {
    return new FakeRequestContext(this);
  }

  /** Runs a batch function like `Excel.run`. */
  async run<T>(batch: (context: any) => Promise<T>): Promise<T> {
    return batch(this.context());
  }

  snapshot(): WorkbookSnapshot {
    return {
      sheets: this.sheets.map((s) => {
        const used = s.used();
        const values: unknown[][] = [];
        const formulas: Record<string, string> = {};
        const numberFormats: Record<string, string> = {};
        if (used) {
          for (let r = 0; r < used.row + used.rows; r++) {
            const row: unknown[] = [];
            for (let c = 0; c < used.col + used.cols; c++) row.push(s.valueAt(r, c));
            values.push(row);
          }
        }
        const fonts: Record<string, Record<string, unknown>> = {};
        const wrapped: string[] = [];
        const hyperlinks: Record<string, NonNullable<CellModel["hyperlink"]>> = {};
        for (const [key, cell] of s.cells) {
          const [r, c] = key.split(",").map(Number) as [number, number];
          if (cell.formula) formulas[toAddress(r, c)] = cell.formula;
          if (cell.numberFormat && cell.numberFormat !== "General")
            numberFormats[toAddress(r, c)] = cell.numberFormat;
          if (cell.font) fonts[toAddress(r, c)] = cell.font;
          if (cell.wrap) wrapped.push(toAddress(r, c));
          if (cell.hyperlink) hyperlinks[toAddress(r, c)] = cell.hyperlink;
        }
        return {
          name: s.name,
          properties: Object.fromEntries(s.properties),
          values,
          formulas,
          numberFormats,
          charts: s.charts,
          fonts,
          wrapped,
          hyperlinks,
          conditionalFormats: s.conditionalFormats,
          freezeRows: s.freezeRows,
          pageLayout: s.pageLayout,
          autofitRows: s.autofitRows,
        };
      }),
      tables: this.tables.map((t) => {
        const header: unknown[] = [];
        for (let c = 0; c < t.cols; c++) header.push(t.sheet.valueAt(t.row, t.col + c));
        const rows: unknown[][] = [];
        const formulas: Record<string, string> = {};
        for (let r = 1; r < t.rows; r++) {
          const row: unknown[] = [];
          for (let c = 0; c < t.cols; c++) {
            row.push(t.sheet.valueAt(t.row + r, t.col + c));
            const f = t.sheet.cells.get(`${t.row + r},${t.col + c}`)?.formula;
            if (f) formulas[toAddress(t.row + r, t.col + c)] = f;
          }
          rows.push(row);
        }
        return {
          name: t.name,
          sheet: t.sheet.name,
          address: toAddress(t.row, t.col, t.rows, t.cols),
          header,
          rows,
          formulas,
        };
      }),
    };
  }
}

type Step =
  | { kind: "op"; name: string; bytes: number; run: () => void }
  | { kind: "load"; run: () => number };

const NOT_LOADED = (prop: string): FakeOfficeError =>
  new FakeOfficeError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`
  );

/** Base of every proxy: loadable properties that become readable after sync. */
class Proxy {
  protected loaded = new Map<string, unknown>();
  constructor(protected readonly ctx: FakeRequestContext) {}

  protected read<T>(prop: string): T {
    if (!this.loaded.has(prop)) throw NOT_LOADED(prop);
    return this.loaded.get(prop) as T;
  }

  /** Resolves the loadable property values at sync time. */
  protected snapshot(_prop: string): unknown {
    return undefined;
  }

  load(props?: string | string[] | Record<string, unknown>): this {
    const list =
      typeof props === "string"
        ? props.split(",").map((p) => p.trim())
        : Array.isArray(props)
          ? props
          : [];
    this.ctx.enqueueLoad(() => {
      let bytes = 0;
      for (const p of list) {
        const v = this.snapshot(p);
        this.loaded.set(p, v);
        bytes += JSON.stringify(v ?? null).length;
      }
      return bytes;
    });
    return this;
  }
}

/** The request context: a queue of operations and loads, run at sync. */
export class FakeRequestContext {
  private queue: Step[] = [];
  readonly workbook: FakeWorkbookProxy;
  constructor(readonly model: FakeWorkbook) {
    this.workbook = new FakeWorkbookProxy(this);
  }

  enqueue(name: string, run: () => void, bytes = 64): void {
    this.queue.push({ kind: "op", name, bytes, run });
  }

  enqueueLoad(run: () => number): void {
    this.queue.push({ kind: "load", run });
  }

  async sync(): Promise<void> {
    this.model.syncs++;
    const steps = this.queue;
    this.queue = [];
    const request = steps.reduce((n, s) => n + (s.kind === "op" ? s.bytes : 32), 0);
    this.model.requestBytes.push(request);
    if (request > PAYLOAD_LIMIT)
      throw new FakeOfficeError(
        "RequestPayloadSizeLimitExceeded",
        `The request payload size has exceeded the limit (${request} bytes).`
      );
    let response = 0;
    for (const step of steps) {
      if (step.kind === "op") {
        if (this.model.failWhen?.(step.name))
          throw new FakeOfficeError("GeneralException", `injected failure at ${step.name}`);
        step.run();
      } else response += step.run();
    }
    this.model.responseBytes.push(response);
    if (response > PAYLOAD_LIMIT)
      throw new FakeOfficeError(
        "ResponsePayloadSizeLimitExceeded",
        `The response payload size has exceeded the limit (${response} bytes).`
      );
    await Promise.resolve();
  }

  trackedObjects = { add: (): void => undefined, remove: (): void => undefined };
}

/** `Workbook.protection`: whether the workbook's structure is protected. */
class WorkbookProtectionProxy extends Proxy {
  protected override snapshot(prop: string): unknown {
    return prop === "protected" ? this.ctx.model.structureProtected : undefined;
  }
  get protected(): boolean {
    return this.read("protected");
  }
}

class FakeWorkbookProxy extends Proxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  readonly protection: WorkbookProtectionProxy;
  readonly application = { suspendApiCalculationUntilNextSync: (): void => undefined };
  constructor(ctx: FakeRequestContext) {
    super(ctx);
    this.worksheets = new WorksheetCollectionProxy(ctx);
    this.tables = new TableCollectionProxy(ctx, null);
    this.protection = new WorkbookProtectionProxy(ctx);
  }

  protected override snapshot(prop: string): unknown {
    if (prop !== "use1904DateSystem") return undefined;
    const system = this.ctx.model.date1904;
    if (system === "unsupported")
      throw new FakeOfficeError(
        "ApiNotFound",
        "The API you are trying to use could not be found. It may be available in a newer version of Excel."
      );
    return system;
  }

  get use1904DateSystem(): boolean {
    return this.read("use1904DateSystem");
  }
}

class WorksheetCollectionProxy extends Proxy {
  get items(): WorksheetProxy[] {
    return this.read<SheetModel[]>("items").map((s) => new WorksheetProxy(this.ctx, () => s, s));
  }
  protected override snapshot(prop: string): unknown {
    return prop.startsWith("items") ? [...this.ctx.model.sheets] : undefined;
  }
  override load(props?: string | string[]): this {
    // "items/name" loads the items with their names.
    const list = (typeof props === "string" ? props.split(",") : (props ?? [])).map(
      (p) => p.trim().split("/")[0] ?? ""
    );
    return super.load(list.length ? list : ["items"]);
  }
  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => {
      const s = this.ctx.model.sheet(name);
      if (!s)
        throw new FakeOfficeError(
          "ItemNotFound",
          `The requested resource doesn't exist: worksheet ${name}.`
        );
      return s;
    });
  }
  getItemOrNullObject(name: string): WorksheetProxy {
    const sheet = new WorksheetProxy(this.ctx, () => this.ctx.model.sheet(name) ?? null);
    sheet.nullable = true;
    return sheet;
  }
  add(name: string): WorksheetProxy {
    let created: SheetModel | null = null;
    this.ctx.enqueue("worksheets.add", () => {
      if (this.ctx.model.structureProtected)
        throw new FakeOfficeError("AccessDenied", "You cannot perform the requested operation.");
      if (this.ctx.model.sheet(name))
        throw new FakeOfficeError("ItemAlreadyExists", `A worksheet named ${name} already exists.`);
      created = new SheetModel(name);
      this.ctx.model.sheets.push(created);
    });
    return new WorksheetProxy(this.ctx, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", `worksheet ${name} was not created`);
      return created;
    });
  }
}

class WorksheetProxy extends Proxy {
  readonly tables: TableCollectionProxy;
  readonly charts: { add: (type: string, source: RangeProxy, seriesBy: string) => ChartProxy };
  readonly customProperties: {
    add: (key: string, value: string) => void;
    getItemOrNullObject: (key: string) => PropertyProxy;
  };
  readonly freezePanes: { freezeRows: (n: number) => void };
  readonly names: { getItemOrNullObject: (name: string) => PropertyProxy };
  readonly pageLayout: {
    orientation: string;
    zoom: PageLayoutModel["zoom"];
    setPrintTitleRows: (rows: string) => void;
    headersFooters: { defaultForAllPages: Record<string, string> };
  };
  constructor(
    ctx: FakeRequestContext,
    readonly resolve: () => SheetModel | null,
    known?: SheetModel
  ) {
    super(ctx);
    if (known) {
      this.loaded.set("name", known.name);
      this.loaded.set("id", known.id);
      this.loaded.set("visibility", known.visibility);
    }
    this.tables = new TableCollectionProxy(ctx, this);
    this.charts = {
      add: (type, source, seriesBy) => {
        const chart: ChartModel = { type, seriesBy, source: "", valueAxis: {}, series: {} };
        this.ctx.enqueue("charts.add", () => {
          const s = this.must();
          const r = source.target();
          chart.source = `${s.name}!${toAddress(r.row, r.col, r.rows, r.cols)}`;
          s.charts.push(chart);
        });
        return new ChartProxy(ctx, chart);
      },
    };
    this.freezePanes = {
      freezeRows: (n) => ctx.enqueue("freezePanes.freezeRows", () => (this.must().freezeRows = n)),
    };
    const page = (
      label: string,
      apply: (p: PageLayoutModel, v: never) => void
    ): PropertyDescriptor => ({
      set: (v: never) => ctx.enqueue(label, () => apply(this.must().pageLayout, v)),
      get: () => {
        throw NOT_LOADED(label);
      },
    });
    const footers = Object.defineProperties(
      {},
      Object.fromEntries(
        (["leftFooter", "centerFooter", "rightFooter"] as const).map((k) => [
          k,
          page(`pageLayout.${k}`, (p, v: string) => (p[k] = v)),
        ])
      )
    ) as Record<string, string>;
    this.pageLayout = Object.defineProperties(
      {
        setPrintTitleRows: (rows: string) =>
          ctx.enqueue(
            "pageLayout.setPrintTitleRows",
            () => (this.must().pageLayout.printTitleRows = rows)
          ),
        headersFooters: { defaultForAllPages: footers },
      },
      {
        orientation: page("pageLayout.orientation", (p, v: string) => (p.orientation = v)),
        zoom: page("pageLayout.zoom", (p, v: PageLayoutModel["zoom"]) => (p.zoom = v)),
      }
    ) as WorksheetProxy["pageLayout"];
    this.names = {
      getItemOrNullObject: (name) =>
        new PropertyProxy(ctx, () => (this.resolve()?.names.has(name) === true ? name : undefined)),
    };
    this.customProperties = {
      add: (key, value) =>
        this.ctx.enqueue("customProperties.add", () => this.must().properties.set(key, value)),
      getItemOrNullObject: (key) =>
        new PropertyProxy(ctx, () => this.resolve()?.properties.get(key)),
    };
  }
  must(): SheetModel {
    const s = this.resolve();
    if (!s) throw new FakeOfficeError("ItemNotFound", "The requested worksheet doesn't exist.");
    return s;
  }
  protected override snapshot(prop: string): unknown {
    const s = this.resolve();
    if (prop === "isNullObject") return s === null;
    if (!s) {
      // A null object (from getItemOrNullObject) loads its properties as null.
      if (this.nullable) return null;
      throw new FakeOfficeError("ItemNotFound", "The requested worksheet doesn't exist.");
    }
    return (s as unknown as Record<string, unknown>)[prop];
  }
  /** Set by getItemOrNullObject: a missing sheet is a null object, not an error. */
  nullable = false;
  override load(props?: string | string[]): this {
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()) : (props ?? []);
    return super.load(this.nullable ? [...list, "isNullObject"] : list);
  }
  get visibility(): string {
    return this.read("visibility");
  }
  get name(): string {
    return this.read("name");
  }
  set name(value: string) {
    this.ctx.enqueue("worksheet.name", () => {
      const clash = this.ctx.model.sheet(value);
      if (clash && clash !== this.must())
        throw new FakeOfficeError(
          "ItemAlreadyExists",
          `A worksheet named ${value} already exists.`
        );
      this.must().name = value;
    });
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  set showGridlines(value: boolean) {
    this.ctx.enqueue("worksheet.showGridlines", () => (this.must().showGridlines = value));
  }
  getRange(address: string): RangeProxy {
    return new RangeProxy(this.ctx, this, () => parseAddress(address));
  }
  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.ctx, this, () => ({ row, col, rows, cols }));
  }
  getUsedRangeOrNullObject(_valuesOnly?: boolean): RangeProxy {
    return new RangeProxy(this.ctx, this, () => this.must().used());
  }
  delete(): void {
    this.ctx.enqueue("worksheet.delete", () => {
      if (this.ctx.model.structureProtected)
        throw new FakeOfficeError("AccessDenied", "You cannot perform the requested operation.");
      const s = this.must();
      const m = this.ctx.model;
      m.sheets = m.sheets.filter((x) => x !== s);
      m.tables = m.tables.filter((t) => t.sheet !== s);
      if (m.active === s) m.active = m.sheets[0] ?? null;
    });
  }
  activate(): void {
    this.ctx.enqueue("worksheet.activate", () => (this.ctx.model.active = this.must()));
  }
}

class PropertyProxy extends Proxy {
  constructor(
    ctx: FakeRequestContext,
    private readonly get: () => string | undefined
  ) {
    super(ctx);
  }
  protected override snapshot(prop: string): unknown {
    const v = this.get();
    if (prop === "isNullObject") return v === undefined;
    return v;
  }
  override load(props?: string | string[]): this {
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()) : (props ?? []);
    return super.load([...list, "isNullObject"]);
  }
  get value(): string {
    return this.read("value");
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
}

class RangeProxy extends Proxy {
  readonly format: {
    columnWidth: number;
    font: Record<string, unknown>;
    wrapText: boolean;
    autofitRows: () => void;
  };
  readonly conditionalFormats: { add: (type: string) => unknown };
  constructor(
    ctx: FakeRequestContext,
    private readonly sheet: WorksheetProxy,
    private readonly locate: () => { row: number; col: number; rows: number; cols: number } | null
  ) {
    super(ctx);
    const self = this;
    const font: Record<string, unknown> = {};
    for (const key of ["bold", "italic", "size", "color", "underline", "name"]) {
      Object.defineProperty(font, key, {
        set(value: unknown) {
          ctx.enqueue("range.format.font", () => {
            const r = self.target();
            for (let i = 0; i < r.rows; i++)
              for (let j = 0; j < r.cols; j++) {
                const cell = self.sheet.must().cell(r.row + i, r.col + j);
                cell.font = { ...(cell.font ?? {}), [key]: value };
              }
          });
        },
      });
    }
    this.format = {
      set columnWidth(width: number) {
        ctx.enqueue("range.format.columnWidth", () => {
          const r = self.target();
          for (let j = 0; j < r.cols; j++) self.sheet.must().columnWidths.set(r.col + j, width);
        });
      },
      get columnWidth(): number {
        throw NOT_LOADED("columnWidth");
      },
      font,
      set wrapText(value: boolean) {
        self.eachCell("range.format.wrapText", (cell) => (cell.wrap = value));
      },
      get wrapText(): boolean {
        throw NOT_LOADED("wrapText");
      },
      autofitRows: () =>
        ctx.enqueue("range.format.autofitRows", () => self.sheet.must().autofitRows++),
    };
    this.conditionalFormats = {
      add: (type: string) => {
        const model: ConditionalFormatModel = { address: "", type };
        ctx.enqueue("conditionalFormats.add", () => {
          const r = self.target();
          model.address = toAddress(r.row, r.col, r.rows, r.cols);
          self.sheet.must().conditionalFormats.push(model);
        });
        const set = (label: string, apply: (v: string) => void): PropertyDescriptor => ({
          set: (v: string) => ctx.enqueue(label, () => apply(v)),
        });
        return {
          custom: {
            rule: Object.defineProperty(
              {},
              "formula",
              set("cf.formula", (v) => (model.formula = v))
            ),
            format: {
              font: Object.defineProperty(
                {},
                "color",
                set("cf.font", (v) => (model.font = v))
              ),
              fill: Object.defineProperty(
                {},
                "color",
                set("cf.fill", (v) => (model.fill = v))
              ),
            },
          },
        };
      },
    };
  }
  /** Queues `apply` on every cell of the range. */
  private eachCell(label: string, apply: (cell: CellModel) => void): void {
    this.ctx.enqueue(label, () => {
      const r = this.target();
      for (let i = 0; i < r.rows; i++)
        for (let j = 0; j < r.cols; j++) apply(this.sheet.must().cell(r.row + i, r.col + j));
    });
  }
  set hyperlink(value: NonNullable<CellModel["hyperlink"]>) {
    this.eachCell("range.hyperlink", (cell) => (cell.hyperlink = value));
  }
  target(): { row: number; col: number; rows: number; cols: number } {
    const r = this.locate();
    if (!r) throw new FakeOfficeError("ItemNotFound", "The range is a null object.");
    return r;
  }
  protected override snapshot(prop: string): unknown {
    const r = this.locate();
    if (prop === "isNullObject") return r === null;
    // A null object's properties load as null (only getItemOrNullObject-style ranges are null).
    if (!r) return null;
    if (prop === "values") {
      if (r.rows * r.cols > CELL_LIMIT)
        throw new FakeOfficeError(
          "ResponsePayloadSizeLimitExceeded",
          `A read of ${r.rows * r.cols} cells exceeds the 5,000,000-cell limit.`
        );
      this.ctx.model.reads.push({ rows: r.rows, cols: r.cols });
      const s = this.sheet.must();
      return Array.from({ length: r.rows }, (_, i) =>
        Array.from({ length: r.cols }, (_, j) => s.valueAt(r.row + i, r.col + j))
      );
    }
    if (prop === "address")
      return `${this.sheet.must().name}!${toAddress(r.row, r.col, r.rows, r.cols)}`;
    if (prop === "rowHidden") {
      // As Excel: true when every row is hidden, false when none is, null when some are.
      const hidden = this.sheet.must().hiddenRows;
      let count = 0;
      for (const row of hidden) if (row >= r.row && row < r.row + r.rows) count++;
      return count === 0 ? false : count === r.rows ? true : null;
    }
    return { rowIndex: r.row, columnIndex: r.col, rowCount: r.rows, columnCount: r.cols }[prop];
  }
  override load(props?: string | string[]): this {
    const list = typeof props === "string" ? props.split(",").map((p) => p.trim()) : (props ?? []);
    return super.load([...list, "isNullObject"]);
  }
  get values(): unknown[][] {
    return this.read("values");
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get address(): string {
    return this.read("address");
  }
  get rowHidden(): boolean | null {
    return this.read("rowHidden");
  }
  private write(
    name: string,
    matrix: unknown[][],
    apply: (cell: CellModel, v: unknown) => void
  ): void {
    this.ctx.enqueue(
      name,
      () => {
        const r = this.target();
        if (matrix.length !== r.rows || matrix.some((row) => row.length !== r.cols)) {
          throw new FakeOfficeError(
            "InvalidArgument",
            `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${name}).`
          );
        }
        const s = this.sheet.must();
        matrix.forEach((row, i) => row.forEach((v, j) => apply(s.cell(r.row + i, r.col + j), v)));
      },
      JSON.stringify(matrix).length
    );
  }
  set values(matrix: unknown[][]) {
    this.write("range.values", matrix, (cell, v) => setCell(cell, v));
  }
  set formulas(matrix: unknown[][]) {
    this.write("range.formulas", matrix, (cell, v) => setCell(cell, v));
  }
  set numberFormat(matrix: unknown[][]) {
    this.write("range.numberFormat", matrix, (cell, v) => (cell.numberFormat = String(v)));
  }
}

/** Excel's reading of a written value: `=…` is a formula, a leading apostrophe keeps text. */
function setCell(cell: CellModel, v: unknown): void {
  delete cell.formula;
  if (typeof v === "string" && v.startsWith("=")) {
    cell.formula = v;
    cell.value = "";
  } else if (typeof v === "string" && v.startsWith("'")) cell.value = v.slice(1);
  else cell.value = v ?? "";
}

class TableCollectionProxy extends Proxy {
  constructor(
    ctx: FakeRequestContext,
    private readonly sheet: WorksheetProxy | null
  ) {
    super(ctx);
  }
  protected override snapshot(prop: string): unknown {
    if (!prop.startsWith("items")) return undefined;
    const s = this.sheet?.must();
    return this.ctx.model.tables.filter((t) => !s || t.sheet === s);
  }
  /** The item properties asked for with `items/…` (only these are readable on the items). */
  private itemProps: string[] = [];
  override load(props?: string | string[]): this {
    const raw = (typeof props === "string" ? props.split(",") : (props ?? [])).map((p) => p.trim());
    this.itemProps = raw.filter((p) => p.startsWith("items/")).map((p) => p.slice(6));
    const list = raw.map((p) => p.split("/")[0] ?? "");
    return super.load(list.length ? list : ["items"]);
  }
  get items(): TableProxy[] {
    return this.read<TableModel[]>("items").map(
      (t) => new TableProxy(this.ctx, () => t, t, this.itemProps)
    );
  }
  add(address: string, _hasHeaders: boolean): TableProxy {
    let created: TableModel | null = null;
    this.ctx.enqueue("tables.add", () => {
      const sheet = this.sheet?.must() ?? this.ctx.model.sheet(address.split("!")[0] ?? "");
      if (!sheet) throw new FakeOfficeError("InvalidArgument", "no sheet for table");
      const n = this.ctx.model.tables.length + 1;
      let name = `Table${n}`;
      for (
        let i = n;
        this.ctx.model.tables.some((t) => t.name.toLowerCase() === name.toLowerCase());
        i++
      )
        name = `Table${i + 1}`;
      created = { name, sheet, ...parseAddress(address) };
      this.ctx.model.tables.push(created);
    });
    return new TableProxy(this.ctx, () => {
      if (!created) throw new FakeOfficeError("ItemNotFound", "table not created");
      return created;
    });
  }
  getItem(name: string): TableProxy {
    return new TableProxy(this.ctx, () => {
      const t = this.ctx.model.tables.find((x) => x.name.toLowerCase() === name.toLowerCase());
      if (!t)
        throw new FakeOfficeError(
          "ItemNotFound",
          `The requested resource doesn't exist: table ${name}.`
        );
      return t;
    });
  }
}

class TableProxy extends Proxy {
  constructor(
    ctx: FakeRequestContext,
    private readonly resolve: () => TableModel,
    known?: TableModel,
    props: readonly string[] = []
  ) {
    super(ctx);
    if (known) {
      this.loaded.set("name", known.name);
      // Loading `items` whole loads every scalar property; `items/x` only those named.
      if (props.length === 0 || props.includes("showTotals"))
        this.loaded.set("showTotals", known.showTotals === true);
    }
  }
  get name(): string {
    return this.read("name");
  }
  get showTotals(): boolean {
    return this.read("showTotals");
  }
  set name(value: string) {
    this.ctx.enqueue("table.name", () => {
      const t = this.resolve();
      if (
        this.ctx.model.tables.some((x) => x !== t && x.name.toLowerCase() === value.toLowerCase())
      ) {
        throw new FakeOfficeError("InvalidArgument", `A table named ${value} already exists.`);
      }
      t.name = value;
    });
  }
  set style(value: string) {
    this.ctx.enqueue("table.style", () => (this.resolve().style = value));
  }
  get worksheet(): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.resolve().sheet);
  }
  getRange(): RangeProxy {
    return new RangeProxy(this.ctx, this.worksheet, () => {
      const t = this.resolve();
      return { row: t.row, col: t.col, rows: t.rows, cols: t.cols };
    });
  }
}

class ChartProxy extends Proxy {
  readonly title: { text: string };
  readonly legend: { position: string };
  readonly series: { getItemAt: (i: number) => unknown };
  readonly axes: {
    categoryAxis: { reversePlotOrder: boolean };
    valueAxis: { minimum: number; maximum: number };
  };
  constructor(
    ctx: FakeRequestContext,
    private readonly chart: ChartModel
  ) {
    super(ctx);
    // Write-only properties: each assignment is queued like Office.js queues it.
    const setter = <T>(label: string, apply: (v: T) => void): PropertyDescriptor => ({
      set(value: T) {
        ctx.enqueue(label, () => apply(value));
      },
      get() {
        throw NOT_LOADED(label);
      },
    });
    const writeOnly = <T extends object>(props: Record<string, PropertyDescriptor>): T =>
      Object.defineProperties({}, props) as T;
    this.title = writeOnly({ text: setter<string>("chart.title", (v) => (chart.title = v)) });
    this.legend = writeOnly({
      position: setter<string>("chart.legend", (v) => (chart.legend = v)),
    });
    this.axes = {
      categoryAxis: writeOnly({
        reversePlotOrder: setter<boolean>("axis.reverse", (v) => (chart.reversePlotOrder = v)),
      }),
      valueAxis: writeOnly({
        minimum: setter<number>("axis.min", (v) => (chart.valueAxis.minimum = v)),
        maximum: setter<number>("axis.max", (v) => (chart.valueAxis.maximum = v)),
      }),
    };
    this.series = {
      getItemAt: (i: number) => {
        const of = (): ChartModel["series"][number] => (chart.series[i] ??= {});
        const series = {
          format: {
            fill: {
              setSolidColor: (color: string) =>
                ctx.enqueue("series.fill", () => (of().fill = color)),
            },
            line: writeOnly({
              color: setter<string>("series.line", (v) => (of().line = v)),
              lineStyle: setter<string>("series.lineStyle", (v) => (of().lineStyle = v)),
            }),
          },
        };
        return Object.defineProperty(
          series,
          "markerStyle",
          setter<string>("series.marker", (v) => (of().marker = v))
        );
      },
    };
    Object.defineProperty(
      this,
      "displayBlanksAs",
      setter<string>("chart.blanks", (v) => (chart.displayBlanksAs = v))
    );
  }
  setPosition(from: string, to: string): void {
    this.ctx.enqueue("chart.setPosition", () => (this.chart.position = [from, to]));
  }
}

/** The globals a page or a test needs: `Office`, `Excel` (with `run` bound to this workbook). */
export function fakeGlobals(model: FakeWorkbook): { Office: any; Excel: any } {
  return {
    Office: {
      HostType: { Excel: "Excel" },
      PlatformType: { OfficeOnline: "OfficeOnline" },
      onReady: (cb?: (info: { host: string; platform: string }) => void) => {
        const info = { host: "Excel", platform: "OfficeOnline" };
        cb?.(info);
        return Promise.resolve(info);
      },
      context: { requirements: { isSetSupported: () => true } },
    },
    Excel: {
      run: <T>(batch: (context: any) => Promise<T>) => model.run(batch),
      ChartType: { barClustered: "BarClustered", columnClustered: "ColumnClustered", line: "Line" },
      ChartSeriesBy: { columns: "Columns", rows: "Rows", auto: "Auto" },
    },
  };
}
