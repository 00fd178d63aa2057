/**
 * Choosing a scheme: a select of the engine's schemes and the one parameter the chosen scheme takes (noise,
 * table size, blocked share), shown only for that scheme. Used by the create form and the live switch.
 */
import { SCHEME_DEFAULTS, SCHEME_NAMES } from "../../../shared/engine/schemes.ts";
import { schemePhrase } from "../../../shared/protocol/schemeWords.ts";
import { SchemeConfig } from "../../../shared/protocol/session.ts";
import { freshId, h } from "./dom.ts";

interface Param {
  readonly key: "noise" | "teamSize" | "blockedFraction";
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly step: string;
  readonly hint: string;
}

const PARAMS: Record<string, Param> = {
  noisy: {
    key: "noise",
    label: "Noise",
    min: 0,
    max: 100,
    step: "any",
    hint: "relative to the signal: 1 is as large",
  },
  teams: {
    key: "teamSize",
    label: "Students per table",
    min: 1,
    max: 4000,
    step: "1",
    hint: "one “Good job” per table",
  },
  blocked: {
    key: "blockedFraction",
    label: "Share blocked",
    min: 0,
    max: 1,
    step: "any",
    hint: "0 to 1: 0.5 is half the class",
  },
};

export type SchemeReading =
  | { readonly ok: true; readonly scheme: SchemeConfig }
  | { readonly ok: false; readonly message: string; readonly input: HTMLElement };

export interface SchemePicker {
  readonly element: HTMLElement;
  readonly select: HTMLSelectElement;
  read(): SchemeReading;
  set(scheme: SchemeConfig): void;
  setDisabled(disabled: boolean): void;
}

export function schemePicker(
  legend: string,
  prefix: string,
  chosen: SchemeConfig["name"] = "global",
  hint?: string,
): SchemePicker {
  const selectId = freshId(`${prefix}-scheme`);
  const select = h("select", {
    id: selectId,
    name: `${prefix}-scheme`,
    "aria-describedby": hint ? `${selectId}-hint` : null,
  });
  for (const name of SCHEME_NAMES) {
    const option = h("option", { value: name }, `${name}: ${schemePhrase({ name })}`);
    option.selected = name === chosen;
    select.append(option);
  }
  const params = new Map<string, { row: HTMLElement; input: HTMLInputElement }>();
  const rows: HTMLElement[] = [];
  for (const [scheme, p] of Object.entries(PARAMS)) {
    const id = freshId(`${prefix}-${p.key}`);
    const hintId = `${id}-hint`;
    const input = h("input", {
      id,
      name: `${prefix}-${p.key}`,
      type: "number",
      inputmode: "decimal",
      min: p.min,
      max: p.max,
      step: p.step,
      value: SCHEME_DEFAULTS[p.key],
      "aria-describedby": hintId,
    });
    const row = h(
      "div",
      { class: "field" },
      h("label", { for: id }, p.label),
      input,
      h("small", { id: hintId }, p.hint),
    );
    params.set(scheme, { row, input });
    rows.push(row);
  }
  const element = h(
    "fieldset",
    { class: "scheme-picker" },
    h("legend", {}, legend),
    h(
      "div",
      { class: "field" },
      h("label", { for: selectId }, "Feedback scheme"),
      select,
      hint ? h("small", { id: `${selectId}-hint` }, hint) : null,
    ),
    ...rows,
  );
  const showParam = (): void => {
    for (const [scheme, { row }] of params) row.hidden = scheme !== select.value;
  };
  select.addEventListener("change", showParam);
  showParam();
  // A population's block (the grating's buttons, blockButtons.ts) has no field here: kept from `set` while
  // the picker still shows that block, so pressing Switch unchanged does not turn it into a share's block.
  let kept: SchemeConfig | null = null;

  return {
    element,
    select,
    read() {
      const param = params.get(select.value);
      const p = PARAMS[select.value];
      const raw: Record<string, unknown> = { name: select.value };
      if (param && p) raw[p.key] = param.input.value.trim() === "" ? Number.NaN : Number(param.input.value);
      const parsed = SchemeConfig.safeParse(raw);
      if (parsed.success) {
        param?.input.removeAttribute("aria-invalid");
        const same =
          kept !== null && JSON.stringify({ ...kept, population: undefined }) === JSON.stringify(parsed.data);
        return { ok: true, scheme: same && kept ? kept : parsed.data };
      }
      if (param && p) {
        param.input.setAttribute("aria-invalid", "true");
        const whole = p.step === "1" ? "a whole number" : "a number";
        return {
          ok: false,
          input: param.input,
          message: `${p.label} must be ${whole} from ${p.min} to ${p.max}.`,
        };
      }
      return { ok: false, input: select, message: "Choose a scheme." };
    },
    set(scheme) {
      kept = scheme.name === "blocked" && scheme.population ? scheme : null;
      select.value = scheme.name;
      const param = params.get(scheme.name);
      const p = PARAMS[scheme.name];
      if (param && p && p.key in scheme)
        param.input.value = String((scheme as Record<string, unknown>)[p.key]);
      showParam();
    },
    setDisabled(disabled) {
      select.disabled = disabled;
      for (const { input } of params.values()) input.disabled = disabled;
    },
  };
}
