/**
 * The identification aid's rules, as pure functions shared by the server and the web page (so
 * the page can run with nothing sent). It supports a worker's judgment; it never labels a
 * person. Nothing here imports Node or the browser.
 */
export type Strength = 'strong' | 'medium' | 'weak';
export type Language = 'en' | 'fr';
export type Text = Record<Language, string>;

export interface Indicator {
  id: string;
  dimension: string;
  strength: Strength;
  text: Text;
  /** The transcription is unsure of the strength (for example medium that may be weak). */
  uncertain?: boolean;
}

export interface Dimension {
  id: string;
  title: Text;
}

/** An element of the definition (recruitment, exploitation, coercion): met when any of its dimensions is. */
export interface Element {
  id: string;
  title: Text;
  dimensions: string[];
}

export interface ConversationPart {
  id: string;
  title: Text;
  opening: Text;
  dimensions: string[];
}

export interface IndicatorList {
  id: string;
  title: Text;
  population: 'adult' | 'child';
  exploitation: 'labour' | 'sexual';
  confirmed: boolean;
  source: { citation: string; provenance: string; url?: string; secondary?: boolean };
  rule: { elements: Element[]; note?: Text };
  dimensions: Dimension[];
  parts: ConversationPart[];
  indicators: Indicator[];
}

/** A list file may extend another and replace some of its keys (the child list changes only the rule). */
export type IndicatorListFile = Partial<IndicatorList> & { id: string; extends?: string };

export function resolveLists(files: IndicatorListFile[]): IndicatorList[] {
  const byId = new Map(files.map((file) => [file.id, file]));
  const resolve = (file: IndicatorListFile, seen: string[]): IndicatorList => {
    if (!file.extends) return file as IndicatorList;
    if (seen.includes(file.extends)) throw new Error(`indicator list ${file.id}: circular "extends"`);
    const base = byId.get(file.extends);
    if (!base) throw new Error(`indicator list ${file.id}: extends unknown list ${file.extends}`);
    const { extends: _extends, ...own } = file;
    return { ...resolve(base, [...seen, file.id]), ...own } as IndicatorList;
  };
  return files.map((file) => resolve(file, []));
}

export interface Counts {
  strong: number;
  medium: number;
  weak: number;
}

/**
 * The Delphi combination rule for one dimension: positive with at least 2 strong, or 1 strong
 * and 1 medium-or-weak, or 3 medium, or 2 medium and 1 weak.
 */
export function dimensionIsPositive({ strong, medium, weak }: Counts): boolean {
  return strong >= 2 || (strong >= 1 && medium + weak >= 1) || medium >= 3 || (medium >= 2 && weak >= 1);
}

/**
 * The fewest further indicators that would make a dimension positive, and the mixes of
 * strengths that would do it, limited to what the dimension still has unticked.
 */
export function whatWouldMakePositive(counts: Counts, available: Counts): { needed: number; mixes: Counts[] } | null {
  for (let needed = 1; needed <= 3; needed++) {
    const mixes: Counts[] = [];
    // Strongest mixes first: they are the shortest way for a worker to read.
    for (let strong = needed; strong >= 0; strong--) {
      for (let medium = needed - strong; medium >= 0; medium--) {
        const weak = needed - strong - medium;
        if (strong > available.strong || medium > available.medium || weak > available.weak) continue;
        const after = { strong: counts.strong + strong, medium: counts.medium + medium, weak: counts.weak + weak };
        if (dimensionIsPositive(after)) mixes.push({ strong, medium, weak });
      }
    }
    if (mixes.length > 0) return { needed, mixes };
  }
  return null;
}

export interface DimensionResult {
  id: string;
  positive: boolean;
  counts: Counts;
  /** The ticked indicators, strongest first: what made the dimension positive, or what there is so far. */
  indicators: string[];
  /** When not positive: how far it is. */
  missing: { needed: number; mixes: Counts[]; examples: string[] } | null;
}

export interface ElementResult {
  id: string;
  met: boolean;
  positiveDimensions: string[];
}

export interface Assessment {
  listId: string;
  /** All elements the list requires are met: the indicators point to trafficking; a worker decides. */
  indicatesTrafficking: boolean;
  elements: ElementResult[];
  dimensions: DimensionResult[];
  unknownIndicators: string[];
}

const order: Record<Strength, number> = { strong: 0, medium: 1, weak: 2 };

export function assess(list: IndicatorList, ticked: Iterable<string>): Assessment {
  const chosen = new Set(ticked);
  const known = new Set(list.indicators.map((indicator) => indicator.id));
  const unknownIndicators = [...chosen].filter((id) => !known.has(id));
  const dimensions = list.dimensions.map((dimension): DimensionResult => {
    const all = list.indicators.filter((indicator) => indicator.dimension === dimension.id);
    const on = all.filter((indicator) => chosen.has(indicator.id)).sort((a, b) => order[a.strength] - order[b.strength]);
    const off = all.filter((indicator) => !chosen.has(indicator.id)).sort((a, b) => order[a.strength] - order[b.strength]);
    const count = (items: Indicator[]): Counts => ({
      strong: items.filter((i) => i.strength === 'strong').length,
      medium: items.filter((i) => i.strength === 'medium').length,
      weak: items.filter((i) => i.strength === 'weak').length,
    });
    const counts = count(on);
    const positive = dimensionIsPositive(counts);
    const reach = positive ? null : whatWouldMakePositive(counts, count(off));
    const useful = new Set(reach?.mixes.flatMap((mix) => (Object.keys(mix) as Strength[]).filter((s) => mix[s] > 0)) ?? []);
    return {
      id: dimension.id,
      positive,
      counts,
      indicators: on.map((indicator) => indicator.id),
      missing: reach
        ? {
            ...reach,
            examples: off
              .filter((i) => useful.has(i.strength))
              .slice(0, 3)
              .map((i) => i.id),
          }
        : null,
    };
  });
  const positiveIds = new Set(dimensions.filter((d) => d.positive).map((d) => d.id));
  const elements = list.rule.elements.map((element) => {
    const positiveDimensions = element.dimensions.filter((id) => positiveIds.has(id));
    return { id: element.id, met: positiveDimensions.length > 0, positiveDimensions };
  });
  return {
    listId: list.id,
    indicatesTrafficking: elements.every((element) => element.met),
    elements,
    dimensions,
    unknownIndicators,
  };
}

export interface Remedy {
  id: string;
  title: Text;
  description: Text;
  /** Directory service categories that help with this remedy. */
  categories: string[];
}

export interface SpectrumLevel {
  id: string;
  title: Text;
  description: Text;
  remedies: Remedy[];
  /** Indicators that show a situation reached this level; the last level is reached by the rule. */
  indicators: string[];
}

export interface Spectrum {
  source: { citation: string; provenance: string };
  levels: SpectrumLevel[];
}

export interface Placement {
  /** The furthest level along the spectrum the answers reach, or null when nothing was ticked. */
  level: string | null;
  /** Every level reached, each with the ticked indicators that reached it: each has remedies of its own. */
  reached: Array<{ level: string; indicators: string[] }>;
}

/** Where the answers sit on the spectrum of exploitation; the last level needs the list's rule to be met. */
export function placeOnSpectrum(spectrum: Spectrum, assessment: Assessment, ticked: Iterable<string>): Placement {
  const chosen = new Set(ticked);
  const last = spectrum.levels.at(-1)?.id;
  const reached = spectrum.levels
    .map((level) => ({
      level: level.id,
      indicators: level.id === last && assessment.indicatesTrafficking ? [...chosen] : level.indicators.filter((id) => chosen.has(id)),
    }))
    .filter((entry) => entry.indicators.length > 0);
  return { level: reached.at(-1)?.level ?? null, reached };
}
