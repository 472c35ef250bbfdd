/** A state of a country BigCommerce keeps a state list for (`/v2/countries/{id}/states`). */
export interface BigCommerceState {
  readonly id: number;
  readonly state: string;
  readonly state_abbreviation: string;
  readonly country_id: number;
}

/** A country of `/v2/countries` that has a state list. */
export interface BigCommerceCountry {
  readonly id: number;
  readonly country: string;
  readonly country_iso2: string;
  readonly country_iso3: string;
}

const stateTables: readonly (readonly [BigCommerceCountry, string])[] = [
  [
    { id: 226, country: 'United States', country_iso2: 'US', country_iso3: 'USA' },
    'AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|DE Delaware|DC District of Columbia|FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|IN Indiana|IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|MD Maryland|MA Massachusetts|MI Michigan|MN Minnesota|MS Mississippi|MO Missouri|MT Montana|NE Nebraska|NV Nevada|NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|NC North Carolina|ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|PA Pennsylvania|PR Puerto Rico|RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|VT Vermont|VA Virginia|WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming',
  ],
  [
    { id: 38, country: 'Canada', country_iso2: 'CA', country_iso3: 'CAN' },
    'AB Alberta|BC British Columbia|MB Manitoba|NB New Brunswick|NL Newfoundland and Labrador|NT Northwest Territories|NS Nova Scotia|NU Nunavut|ON Ontario|PE Prince Edward Island|QC Quebec|SK Saskatchewan|YT Yukon',
  ],
  [
    { id: 13, country: 'Australia', country_iso2: 'AU', country_iso3: 'AUS' },
    'ACT Australian Capital Territory|NSW New South Wales|NT Northern Territory|QLD Queensland|SA South Australia|TAS Tasmania|VIC Victoria|WA Western Australia',
  ],
];

let nextStateId = 1;
/** Countries with a state list, and their states (a subset of BigCommerce's geography). */
export const bigcommerceStates: ReadonlyMap<
  string,
  { country: BigCommerceCountry; states: BigCommerceState[] }
> = new Map(
  stateTables.map(([country, table]) => [
    country.country_iso2,
    {
      country,
      states: table.split('|').map((entry) => {
        const space = entry.indexOf(' ');
        return {
          id: nextStateId++,
          state: entry.slice(space + 1),
          state_abbreviation: entry.slice(0, space),
          country_id: country.id,
        };
      }),
    },
  ]),
);

/**
 * The state name BigCommerce stores for `value` in `countryCode`: the known name matched
 * case-insensitively where the country has a state list (a code is refused: `undefined`), the text
 * as given elsewhere (sheet §5).
 */
export function storedStateName(countryCode: string, value: string): string | undefined {
  const table = bigcommerceStates.get(countryCode.toUpperCase());
  if (table === undefined || value === '') return value;
  return table.states.find((state) => state.state.toLowerCase() === value.toLowerCase())?.state;
}
