/**
 * Every GraphQL document the map sends, in one place, written against the contracts of issues 4, 5 and 8.
 * Sections that use fields beyond the contracts are separate documents, so a missing field blanks one
 * section of the panel instead of the whole map.
 */

/**
 * Months go into documents as literals, not variables: the schema types them with a Month scalar in some
 * places and String in others, and a literal is valid for both. Checked first, so nothing else gets in.
 */
export function monthLiteral(month: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new Error(`Not a month (YYYY-MM): ${month}`);
  return JSON.stringify(month);
}

const accountOwnership = 'accountOwnership { holders residents15Plus rate target gap }';
const allIndicators = `${accountOwnership}
      qrAdoption { merchants withQr rate }
      wifiCoverage { areaShare residentsShare }
      teamCoverage { neighborhoods withTeam rate }`;

/**
 * The first answer the map waits for, in one round trip: which months have figures (the city's series, with the
 * target of each month) and the latest month's account ownership per ward code. Ward shapes come as tiles.
 */
export const MapStartQuery = (from: string, to: string) => /* GraphQL */ `
query MapStart {
  wards(first: 1) { totalCount }
  city { trend(from: ${monthLiteral(from)}, to: ${monthLiteral(to)}) { month rate target } }
  choropleth(indicator: ACCOUNT_OWNERSHIP) { month wards { code value } }
}`;

/** One indicator's value per ward code for a month ($indicator: an Indicator enum value): colours the ward tiles. */
export const ChoroplethQuery = (month: string) => /* GraphQL */ `
query Choropleth($indicator: Indicator!) {
  choropleth(indicator: $indicator, month: ${monthLiteral(month)}) { month wards { code value } }
}`;

const wardDetails = (month: string) => `id code name
      indicators(month: ${monthLiteral(month)}) {
      ${allIndicators}
      }`;

/**
 * Figures of the 100 wards lowest in account ownership for a month (every ward of a city): the table, the CSV and
 * the hover cards read these; at national scale a ward outside them is fetched by code when hovered.
 */
export const WardDetailsQuery = (month: string) => /* GraphQL */ `
query WardDetails {
  wards(first: 100, byIndicator: { indicator: ACCOUNT_OWNERSHIP, month: ${monthLiteral(month)}, order: ASC }) {
    totalCount
    nodes { ${wardDetails(month)} }
  }
}`;

/** One ward's figures by code ($code), for a hover card at national scale. */
export const WardByCodeQuery = (month: string) => /* GraphQL */ `
query WardByCode($code: String!) {
  wards(first: 1, where: { code: { eq: $code } }) { nodes { ${wardDetails(month)} } }
}`;

/** A ward's shape, to fly to it from the gaps view. */
export const WardShapeQuery = /* GraphQL */ `
query WardShape($id: ID!) {
  node(id: $id) { ... on Ward { geometry(simplify: 5) } }
}`;

/** When the aggregates were last refreshed ("data as of"). */
export const LastRunQuery = /* GraphQL */ `
query LastAggregateRun {
  aggregateRuns(first: 1) { nodes { finishedAt startedAt status error } }
}`;

const reportOf = (month: string) => `reports(first: 1, where: { month: { eq: ${monthLiteral(month)} } }) {
        nodes { month households population residents15Plus accountHolders15Plus qualityFlags }
      }`;

/** The ward panel without aggregates (fallback): the month's report and its quality flags. */
export const WardPanelFromReportsQuery = (month: string) => /* GraphQL */ `
query WardPanelFromReports($id: ID!) {
  node(id: $id) {
    ... on Ward {
      id name code kind
      ${reportOf(month)}
    }
  }
}`;

/** The ward panel: figures, trend and the month's report with its data-quality flags. */
export const WardPanelQuery = (month: string, from: string, to: string) => /* GraphQL */ `
query WardPanel($id: ID!) {
  node(id: $id) {
    ... on Ward {
      id name code kind
      indicators(month: ${monthLiteral(month)}) {
      ${allIndicators}
      }
      trend(from: ${monthLiteral(from)}, to: ${monthLiteral(to)}, indicator: ACCOUNT_OWNERSHIP) { month rate }
      ${reportOf(month)}
    }
  }
}`;

/** The ward panel's inventory: teams, Wi-Fi points and model streets (all in the entity schema). */
export const WardInventoryQuery = (_month: string) => /* GraphQL */ `
query WardInventory($id: ID!) {
  node(id: $id) {
    ... on Ward {
      teams(first: 1) { totalCount }
      wifiPoints(first: 1) { totalCount }
      modelStreets(first: 50) { totalCount nodes { id name } }
    }
  }
}`;

/** Aggregates beside the contract: street compliance and QR adoption by category (blank if absent). */
export const WardAdoptionQuery = (month: string) => /* GraphQL */ `
query WardAdoption($id: ID!) {
  node(id: $id) {
    ... on Ward {
      modelStreets(first: 50) { nodes { id compliance { rate } } }
      indicators(month: ${monthLiteral(month)}) {
        qrAdoption { byCategory { category merchants withQr rate } }
      }
    }
  }
}`;

export const UnitsBelowTargetQuery = (month: string) => /* GraphQL */ `
query GapsBelowTarget {
  gaps {
    unitsBelowTarget(level: WARD, indicator: ACCOUNT_OWNERSHIP, month: ${monthLiteral(month)}) {
      totalCount nodes { unitId name rate target gap peopleToTarget }
    }
  }
}`;

export const NeighborhoodsWithoutTeamQuery = /* GraphQL */ `
query GapsWithoutTeam {
  gaps {
    neighborhoodsWithoutTeam(first: 50) { totalCount nodes { id name geometry ward { name } } }
  }
}`;

export const StreetsBelowTargetQuery = /* GraphQL */ `
query GapsStreets {
  gaps {
    modelStreetsBelowTarget(first: 50) {
      nodes { name compliance merchantsWithoutQr { name location } }
    }
  }
}`;
